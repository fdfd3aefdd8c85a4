/**
 * Typing indicators. Typing is never stored: it lives only in memory, for the rooms of one server.
 */
package dev.enterprisechat.typing;

/**
 * Configuration support: every setting is read through MicroProfile Config, so each has a property name
 * ({@code chat.auth.timeout}) and an environment form ({@code CHAT_AUTH_TIMEOUT}); the README lists them all.
 */
package dev.enterprisechat.config;

/**
 * The application's timers: deadlines that fire often (a connection's sign-in window and token expiry, the end of a
 * typing indicator, the grace before a user goes offline) run on one plain scheduled executor whose threads carry the
 * application's context ({@link dev.enterprisechat.scheduling.Timers}). Imports no other component.
 */
package dev.enterprisechat.scheduling;

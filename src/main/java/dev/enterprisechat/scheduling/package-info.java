/**
 * The application's timers and workers. Deadlines that fire often (a connection's sign-in window and token expiry,
 * the end of a typing indicator, the grace before a user goes offline) run on one plain scheduled executor whose
 * threads carry the application's context ({@link dev.enterprisechat.scheduling.Timers}); work handed off by threads
 * that must not block runs on a few workers ({@link dev.enterprisechat.scheduling.Workers}). Imports no other
 * component.
 */
package dev.enterprisechat.scheduling;

/**
 * Running the server: health checks ({@code /health/live}, {@code /health/ready}), the server's own metrics, the
 * start-up banner, and keeping faults any client can cause in the container out of the log
 * ({@link dev.enterprisechat.operations.control.ContainerNoise}). At the top: it observes the other components
 * (their CDI events, their gauges) and nothing imports it.
 *
 * <p>Decisions: readiness is the application's own view (schema, database, cluster events, draining, heap left after
 * garbage collection, stuck writers), so probes can
 * ask for {@code chat-ready} in the body; the banner names what a first run needs (URL, database, dev mode, cluster
 * mode) in a few lines after Payara's container messages were turned down to warnings
 * ({@code server-config/logging.properties}), and never prints a secret.
 */
package dev.enterprisechat.operations;

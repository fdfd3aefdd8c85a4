package dev.enterprisechat.operations.control;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.assertj.core.api.Assertions.assertThat;

class ContainerNoiseTest {

    private static LogRecord severe(Throwable thrown) {
        LogRecord record = new LogRecord(Level.SEVERE, "An exception or error occurred in the container");
        record.setThrown(thrown);
        return record;
    }

    private static NullPointerException thrownIn(String className) {
        NullPointerException npe = new NullPointerException();
        npe.setStackTrace(new StackTraceElement[]{
                new StackTraceElement(className, "decodeAscii", "URLDecoder.java", 160),
                new StackTraceElement("org.apache.catalina.connector.CoyoteAdapter", "postParseRequest", null, 426)});
        return npe;
    }

    @Test
    void dropsTheParsersFailureOnACloseFrameAndCountsIt() {
        ContainerNoise noise = new ContainerNoise();

        assertThat(noise.isLoggable(severe(thrownIn("org.glassfish.grizzly.http.util.URLDecoder")), null)).isFalse();
        assertThat(noise.dropped()).isEqualTo(1);
    }

    @Test
    void dropsItAtWarningFromTheFilterChainToo() {
        LogRecord record = severe(thrownIn("org.glassfish.grizzly.http.HttpResponsePacketImpl"));
        record.setLevel(Level.WARNING);

        assertThat(new ContainerNoise().isLoggable(record, null)).isFalse();
    }

    @Test
    void dropsTheRaceOfTwoClosesOverTheRecycledResponse() {
        assertThat(new ContainerNoise().isLoggable(
                severe(thrownIn("org.apache.catalina.connector.OutputBuffer")), null)).isFalse();
    }

    @Test
    void dropsTheWebContainersReportOfAFailedUpgradeOrResponse() {
        for (String message : new String[]{
                "StandardWrapperValve[default]: Servlet.service() for servlet default threw exception",
                "Response Error during finishResponse"}) {
            LogRecord record = new LogRecord(Level.WARNING, message);
            record.setLoggerName("jakarta.enterprise.web");

            assertThat(new ContainerNoise().isLoggable(record, null)).isFalse();
        }
    }

    @Test
    void keepsFailuresOfTheApplicationsOwnServlets() {
        LogRecord record = new LogRecord(Level.WARNING,
                "StandardWrapperValve[DevTokenServlet]: Servlet.service() for servlet DevTokenServlet threw exception");
        record.setLoggerName("jakarta.enterprise.web");

        assertThat(new ContainerNoise().isLoggable(record, null)).isTrue();
    }

    @Test
    void keepsEveryOtherFault() {
        ContainerNoise noise = new ContainerNoise();

        assertThat(noise.isLoggable(severe(thrownIn("dev.enterprisechat.SomethingElse")), null)).isTrue();
        assertThat(noise.isLoggable(severe(new IllegalStateException("real")), null)).isTrue();
        assertThat(noise.isLoggable(new LogRecord(Level.INFO, "hello"), null)).isTrue();
        assertThat(noise.dropped()).isZero();
    }

    @Test
    void dropsAnErrorAnswerToAnUpgradedConnectionButNotOtherIllegalStates() {
        IllegalStateException afterUpgrade = new IllegalStateException(
                "Cannot call sendError() after the response has been committed");
        afterUpgrade.setStackTrace(new StackTraceElement[]{
                new StackTraceElement("org.apache.catalina.connector.Response", "sendError", "Response.java", 1406),
                new StackTraceElement("org.apache.catalina.connector.CoyoteAdapter", "doService", null, 360)});
        IllegalStateException elsewhere = new IllegalStateException("committed");
        elsewhere.setStackTrace(new StackTraceElement[]{
                new StackTraceElement("org.apache.catalina.connector.Response", "setStatus", "Response.java", 1),
                new StackTraceElement("dev.enterprisechat.SomethingElse", "serve", null, 1)});
        ContainerNoise noise = new ContainerNoise();

        assertThat(noise.isLoggable(severe(afterUpgrade), null)).isFalse();
        assertThat(noise.isLoggable(severe(elsewhere), null)).isTrue();
        assertThat(noise.dropped()).isEqualTo(1);
    }

    @Test
    void dropsARequestReadOnAConnectionClosedMeanwhileAndItsErrorPage() {
        IllegalStateException recycled = new IllegalStateException("Unexpected DataChunk type: None");
        recycled.setStackTrace(new StackTraceElement[]{
                new StackTraceElement("org.glassfish.grizzly.http.server.Request", "parseSessionId", null, 2161),
                new StackTraceElement("org.glassfish.grizzly.http.server.HttpHandler", "doHandle", null, 151)});
        IOException closed = new IOException("Connection is closed", new IOException("Locally closed"));
        closed.setStackTrace(new StackTraceElement[]{
                new StackTraceElement("org.glassfish.grizzly.nio.NIOConnection", "assertOpen", null, 427),
                new StackTraceElement("org.glassfish.grizzly.http.io.OutputBuffer", "write", null, 444)});
        LogRecord errorPage = new LogRecord(Level.WARNING, "GRIZZLY0202: Exception during HttpHandler invocation");
        errorPage.setLoggerName("org.glassfish.grizzly.http.server.HttpHandler");
        errorPage.setThrown(closed);
        ContainerNoise noise = new ContainerNoise();

        assertThat(noise.isLoggable(severe(recycled), null)).isFalse();
        assertThat(noise.isLoggable(errorPage, null)).isFalse();
        assertThat(noise.dropped()).isEqualTo(2);
    }

    @Test
    void dropsAWriteThatRacedTheRecyclingOfAClosedConnectionsResponseButNotOtherBufferFaults() {
        IllegalStateException disposed = new IllegalStateException("HeapBuffer has already been disposed");
        disposed.setStackTrace(new StackTraceElement[]{
                new StackTraceElement("org.glassfish.grizzly.memory.HeapBuffer", "checkDispose", null, 790),
                new StackTraceElement("org.glassfish.grizzly.memory.HeapBuffer", "limit", null, 183)});
        LogRecord filterChain = new LogRecord(Level.WARNING, "GRIZZLY0013: Exception during FilterChain execution");
        filterChain.setThrown(disposed);
        IllegalStateException otherBufferFault = new IllegalStateException("position > limit");
        otherBufferFault.setStackTrace(new StackTraceElement[]{
                new StackTraceElement("org.glassfish.grizzly.memory.HeapBuffer", "position", null, 1)});
        ContainerNoise noise = new ContainerNoise();

        assertThat(noise.isLoggable(filterChain, null)).isFalse();
        assertThat(noise.dropped()).isEqualTo(1);
        assertThat(noise.isLoggable(severe(otherBufferFault), null)).isTrue();
    }

    @Test
    void keepsInputOutputFailuresOutsideTheContainer() {
        IOException ours = new IOException("disk full");
        ours.setStackTrace(new StackTraceElement[]{
                new StackTraceElement("dev.enterprisechat.SomethingElse", "write", null, 1)});
        IOException grizzlyFile = new IOException("static file unreadable");
        grizzlyFile.setStackTrace(new StackTraceElement[]{
                new StackTraceElement("org.glassfish.grizzly.http.server.StaticHttpHandlerBase", "sendFile", null, 1)});
        IllegalStateException grizzlyCore = new IllegalStateException("not HTTP");
        grizzlyCore.setStackTrace(new StackTraceElement[]{
                new StackTraceElement("org.glassfish.grizzly.threadpool.AbstractThreadPool", "execute", null, 1)});

        assertThat(new ContainerNoise().isLoggable(severe(ours), null)).isTrue();
        assertThat(new ContainerNoise().isLoggable(severe(grizzlyFile), null)).as("not on a connection").isTrue();
        assertThat(new ContainerNoise().isLoggable(severe(grizzlyCore), null)).isTrue();
    }
}

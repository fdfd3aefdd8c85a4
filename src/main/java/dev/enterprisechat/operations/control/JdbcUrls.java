package dev.enterprisechat.operations.control;

/**
 * JDBC URLs fit to be logged. A URL may carry a password ({@code ?password=…} for PostgreSQL, {@code ;PASSWORD=…}
 * for H2, {@code user:secret@host} for others): its parameters are dropped rather than filtered by name, so that no
 * way of spelling a secret can slip through.
 */
public final class JdbcUrls {

    private JdbcUrls() {
    }

    /** The URL without user information and parameters, e.g. {@code jdbc:postgresql://db:5432/chat}. */
    public static String withoutSecrets(String url) {
        String kept = url;
        int parameters = indexOfAny(kept, '?', ';');
        if (parameters >= 0) {
            kept = kept.substring(0, parameters) + " (parameters not shown)";
        }
        int at = kept.indexOf('@');
        int scheme = kept.indexOf("//");
        if (at > scheme && scheme >= 0) {
            kept = kept.substring(0, scheme + 2) + kept.substring(at + 1);
        }
        return kept;
    }

    private static int indexOfAny(String text, char first, char second) {
        int a = text.indexOf(first);
        int b = text.indexOf(second);
        return a < 0 ? b : b < 0 ? a : Math.min(a, b);
    }
}

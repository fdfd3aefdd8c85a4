package dev.enterprisechat.security;

/** A token that does not verify. The message is safe to show to the client: it never contains the token. */
public class InvalidToken extends Exception {

    public InvalidToken(String message) {
        super(message, null, false, false);
    }
}

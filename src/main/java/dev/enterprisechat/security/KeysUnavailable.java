package dev.enterprisechat.security;

/** The keys could not be fetched (an issuer's JWKS URL is down): the server's problem, not the token's. */
public class KeysUnavailable extends Exception {

    public KeysUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}

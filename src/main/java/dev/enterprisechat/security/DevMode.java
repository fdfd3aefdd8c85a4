package dev.enterprisechat.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.eclipse.microprofile.config.Config;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * Development mode ({@code chat.dev.mode=true}): the server makes its own signing key (in memory, new at every start),
 * issues tokens for any user on request and trusts them (issuer {@value #ISSUER}), so that the runnable jar is a
 * complete chat without an identity provider. Off by default; never enable it where real users connect.
 */
public final class DevMode {

    public static final String ISSUER = "chat-dev";

    private static final Logger LOG = System.getLogger(DevMode.class.getName());

    private final RSAKey key;
    private final Duration tokenTtl;
    private final boolean allowRemote;

    private DevMode(RSAKey key, Duration tokenTtl, boolean allowRemote) {
        this.key = key;
        this.tokenTtl = tokenTtl;
        this.allowRemote = allowRemote;
    }

    /** @return the development mode when {@code chat.dev.mode} is true, else empty */
    public static Optional<DevMode> from(Config config) {
        if (!config.getOptionalValue("chat.dev.mode", Boolean.class).orElse(false)) {
            return Optional.empty();
        }
        Duration ttl = config.getOptionalValue("chat.dev.token-ttl", Duration.class).orElse(Duration.ofHours(1));
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalStateException("chat.dev.token-ttl must be positive, not " + ttl);
        }
        boolean allowRemote = config.getOptionalValue("chat.dev.allow-remote", Boolean.class).orElse(false);
        LOG.log(Level.WARNING, allowRemote
                ? "DEVELOPMENT MODE (chat.dev.mode=true, chat.dev.allow-remote=true): anyone who can reach this server "
                + "can obtain a token for any user at api/dev/token. Never enable it where real users connect."
                : "DEVELOPMENT MODE (chat.dev.mode=true): anyone on this machine can obtain a token for any user at "
                + "api/dev/token. Never enable it where real users connect.");
        return Optional.of(new DevMode(generateKey(), ttl, allowRemote));
    }

    /** For tests. */
    static DevMode withTtl(Duration tokenTtl) {
        return new DevMode(generateKey(), tokenTtl, false);
    }

    private static RSAKey generateKey() {
        try {
            return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .keyID("chat-dev-" + Long.toHexString(System.nanoTime())).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate the development signing key", e);
        }
    }

    /** Whether tokens are handed to clients on other machines too ({@code chat.dev.allow-remote}). */
    public boolean allowsRemote() {
        return allowRemote;
    }

    public RSAKey publicKey() {
        return key.toPublicJWK();
    }

    /**
     * @param userId 1 to 255 characters, checked by the caller
     * @param name   display name, or null for the user id
     */
    public IssuedToken issue(String userId, String name) {
        Instant now = Instant.now();
        Instant expires = now.plus(tokenTtl);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER).subject(userId).claim("name", name == null || name.isBlank() ? userId : name)
                .issueTime(Date.from(now)).expirationTime(Date.from(expires))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                .keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a development token", e);
        }
        return new IssuedToken(jwt.serialize(), Instant.ofEpochSecond(expires.getEpochSecond()));
    }

    public record IssuedToken(String token, Instant expiresAt) {
    }
}

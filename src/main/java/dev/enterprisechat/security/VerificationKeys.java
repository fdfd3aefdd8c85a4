package dev.enterprisechat.security;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.text.ParseException;

/**
 * Loads the keys that tokens are verified with, from where {@code mp.jwt.verify.publickey.location} or
 * {@code mp.jwt.verify.publickey} say: a JWKS or single JWK (JSON), or PEM public keys / certificates.
 * An {@code http(s)} location is fetched as a JWKS, cached, refreshed ahead of expiry and re-read when a token names
 * an unknown key id (key rotation at the issuer).
 */
final class VerificationKeys {

    private VerificationKeys() {
    }

    static JWKSource<SecurityContext> from(TokenSettings settings) {
        if (settings.inlineKey().isPresent()) {
            return parse(settings.inlineKey().get());
        }
        String location = settings.keyLocation()
                .orElseThrow(() -> new IllegalStateException("no verification key configured"));
        if (location.startsWith("https:") || location.startsWith("http:")) {
            return remote(location);
        }
        return parse(read(location));
    }

    static JWKSource<SecurityContext> parse(String text) {
        String trimmed = text.trim();
        try {
            if (trimmed.startsWith("{")) {
                JWKSet set = trimmed.contains("\"keys\"") ? JWKSet.parse(trimmed) : new JWKSet(JWK.parse(trimmed));
                return new ImmutableJWKSet<>(publicOnly(set));
            }
            return new ImmutableJWKSet<>(new JWKSet(PemKeys.parse(trimmed)));
        } catch (ParseException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("verification key is neither a JWKS, a JWK nor a PEM key: "
                    + e.getMessage(), e);
        }
    }

    /** Never hold private key material for verification, even when a file contains it. */
    private static JWKSet publicOnly(JWKSet set) {
        return set.toPublicJWKSet();
    }

    private static JWKSource<SecurityContext> remote(String location) {
        try {
            return JWKSourceBuilder.create(URI.create(location).toURL()).retrying(true).build();
        } catch (MalformedURLException e) {
            throw new IllegalStateException("bad verification key URL " + location, e);
        }
    }

    private static String read(String location) {
        try {
            if (location.startsWith("classpath:")) {
                return readResource(location.substring("classpath:".length()));
            }
            Path path = location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
            if (!Files.exists(path) && !path.isAbsolute()) {
                // MicroProfile JWT also allows a resource name here
                return readResource(location);
            }
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read verification key " + location, e);
        }
    }

    private static String readResource(String name) throws IOException {
        String resource = name.startsWith("/") ? name.substring(1) : name;
        ClassLoader loader = VerificationKeys.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no file or resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

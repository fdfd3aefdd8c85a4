package dev.enterprisechat.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Mints tokens for tests with the test-only keys in src/test/resources/jwt, which the servers under test trust.
 * {@code Tokens.forUser("alice").sign()} is a valid RS256 token; the other methods make every kind of bad one.
 */
public final class Tokens {

    public static final String ISSUER = "https://issuer.test";
    public static final String AUDIENCE = "chat-tests";
    private static final JWKSet KEYS = load();

    private String subject;
    private String name;
    private String issuer = ISSUER;
    private String audience = AUDIENCE;
    private Instant expiresAt = Instant.now().plus(Duration.ofHours(1));
    private Instant notBefore;
    private JWSAlgorithm algorithm = JWSAlgorithm.RS256;
    private String keyId = "test-rsa";

    private Tokens(String subject) {
        this.subject = subject;
    }

    public static Tokens forUser(String subject) {
        return new Tokens(subject);
    }

    /** A user id no other test uses. */
    public static String newUserId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public Tokens name(String name) {
        this.name = name;
        return this;
    }

    public Tokens issuer(String issuer) {
        this.issuer = issuer;
        return this;
    }

    public Tokens audience(String audience) {
        this.audience = audience;
        return this;
    }

    public Tokens expiresAt(Instant expiresAt) {
        this.expiresAt = expiresAt;
        return this;
    }

    public Tokens notBefore(Instant notBefore) {
        this.notBefore = notBefore;
        return this;
    }

    public Tokens withoutSubject() {
        this.subject = null;
        return this;
    }

    public Tokens es256() {
        this.algorithm = JWSAlgorithm.ES256;
        this.keyId = "test-ec";
        return this;
    }

    public Tokens keyId(String keyId) {
        this.keyId = keyId;
        return this;
    }

    public JWTClaimsSet claims() {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(subject).issuer(issuer).audience(audience)
                .issueTime(new Date()).expirationTime(Date.from(expiresAt));
        if (name != null) {
            claims.claim("name", name);
        }
        if (notBefore != null) {
            claims.notBeforeTime(Date.from(notBefore));
        }
        return claims.build();
    }

    /** Signed with the trusted test key. */
    public String sign() {
        try {
            JWSSigner signer = algorithm == JWSAlgorithm.ES256
                    ? new ECDSASigner((ECKey) KEYS.getKeyByKeyId("test-ec"))
                    : new RSASSASigner((RSAKey) KEYS.getKeyByKeyId("test-rsa"));
            return sign(signer, algorithm);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signed with a key the server does not know, under the trusted key's id: a bad signature. */
    public String signWithForeignKey() {
        try {
            return sign(new RSASSASigner(new RSAKeyGenerator(2048).generate()), JWSAlgorithm.RS256);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code alg: none}. */
    public String unsigned() {
        return new PlainJWT(claims()).serialize();
    }

    /** HS256 with the public RSA modulus as the secret: the classic key-confusion attack. */
    public String signWithHmacOfPublicKey() {
        try {
            byte[] secret = ((RSAKey) KEYS.getKeyByKeyId("test-rsa")).getModulus().decode();
            return sign(new MACSigner(secret), JWSAlgorithm.HS256);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private String sign(JWSSigner signer, JWSAlgorithm alg) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).type(JOSEObjectType.JWT).keyID(keyId).build(),
                claims());
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static JWKSet load() {
        try (InputStream in = Tokens.class.getResourceAsStream("/jwt/private.jwks.json")) {
            return JWKSet.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("test keys missing", e);
        }
    }
}

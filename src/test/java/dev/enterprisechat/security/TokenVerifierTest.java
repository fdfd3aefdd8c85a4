package dev.enterprisechat.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.enterprisechat.testsupport.Tokens;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class TokenVerifierTest {

    private static String resource(String name) {
        try (InputStream in = TokenVerifierTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path resourcePath(String name) {
        try {
            return Path.of(TokenVerifierTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The test JWKS inline, the test issuer and audience, no clock skew. */
    private static TokenSettings settings() {
        return inlineKey(resource("/jwt/public.jwks.json"));
    }

    private static TokenSettings inlineKey(String key) {
        return new TokenSettings(Optional.empty(), Optional.of(key), Optional.of(Tokens.ISSUER),
                Set.of(Tokens.AUDIENCE), List.of(), 0, Optional.empty());
    }

    private static TokenSettings keyAt(String location) {
        return new TokenSettings(Optional.of(location), Optional.empty(), Optional.of(Tokens.ISSUER),
                Set.of(Tokens.AUDIENCE), List.of(), 0, Optional.empty());
    }

    private static TokenSettings withAlgorithms(List<String> algorithms) {
        TokenSettings base = settings();
        return new TokenSettings(base.keyLocation(), base.inlineKey(), base.issuer(), base.audiences(), algorithms,
                base.clockSkew(), base.maxTokenAge());
    }

    private static TokenSettings withMaxTokenAge(long seconds) {
        TokenSettings base = settings();
        return new TokenSettings(base.keyLocation(), base.inlineKey(), base.issuer(), base.audiences(),
                base.algorithms(), base.clockSkew(), Optional.of(seconds));
    }

    private static Identity verify(TokenSettings settings, String token) throws Exception {
        return new TokenVerifier(settings).verify(token);
    }

    private static String rejection(TokenSettings settings, String token) {
        TokenVerifier verifier = new TokenVerifier(settings);
        ThrowingCallable verification = () -> verifier.verify(token);
        InvalidToken invalid = catchThrowableOfType(InvalidToken.class, verification);
        assertThat(invalid).as("the token should have been refused").isNotNull();
        return invalid.getMessage();
    }

    private static String rejection(String token) {
        return rejection(settings(), token);
    }

    /** Claims the test issuer would put into a token for {@code alice}, valid for ten minutes. */
    private static JWTClaimsSet.Builder validClaims() {
        return new JWTClaimsSet.Builder().subject("alice").issuer(Tokens.ISSUER).audience(Tokens.AUDIENCE)
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(600)));
    }

    /** Signs with the trusted test RSA key, for claims or headers that {@link Tokens} cannot make. */
    private static String signRs256(JOSEObjectType type, JWTClaimsSet claims) throws JOSEException, ParseException {
        RSAKey key = (RSAKey) JWKSet.parse(resource("/jwt/private.jwks.json")).getKeyByKeyId("test-rsa");
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(type).keyID("test-rsa").build(),
                claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static String signRs256(JWTClaimsSet claims) throws JOSEException, ParseException {
        return signRs256(JOSEObjectType.JWT, claims);
    }

    // accepted tokens

    @Test
    void verifiesRs256Token() throws Exception {
        Instant expiresAt = Instant.now().plusSeconds(600).truncatedTo(ChronoUnit.SECONDS);

        Identity identity = verify(settings(), Tokens.forUser("alice").name("Alice").expiresAt(expiresAt).sign());

        assertThat(identity).isEqualTo(new Identity("alice", "Alice", expiresAt));
    }

    @Test
    void verifiesEs256Token() throws Exception {
        Instant expiresAt = Instant.now().plusSeconds(600).truncatedTo(ChronoUnit.SECONDS);

        Identity identity = verify(settings(), Tokens.forUser("bob").es256().expiresAt(expiresAt).sign());

        assertThat(identity).isEqualTo(new Identity("bob", "bob", expiresAt));
    }

    @Test
    void verifiesAccessTokenType() throws Exception {
        String token = signRs256(new JOSEObjectType("at+jwt"), validClaims().build());

        assertThat(verify(settings(), token).userId()).isEqualTo("alice");
    }

    @Test
    void verifiesTokenWithoutType() throws Exception {
        String token = signRs256(null, validClaims().build());

        assertThat(verify(settings(), token).userId()).isEqualTo("alice");
    }

    @Test
    void verifiesWithJwksFileLocation() throws Exception {
        TokenSettings settings = keyAt(resourcePath("/jwt/public.jwks.json").toString());

        assertThat(verify(settings, Tokens.forUser("alice").sign()).userId()).isEqualTo("alice");
        assertThat(verify(settings, Tokens.forUser("bob").es256().sign()).userId()).isEqualTo("bob");
    }

    @Test
    void verifiesWithFileUrlLocation() throws Exception {
        TokenSettings settings = keyAt(resourcePath("/jwt/public.jwks.json").toUri().toString());

        assertThat(verify(settings, Tokens.forUser("alice").sign()).userId()).isEqualTo("alice");
    }

    @Test
    void verifiesWithClasspathLocation() throws Exception {
        TokenSettings settings = keyAt("classpath:jwt/public.jwks.json");

        assertThat(verify(settings, Tokens.forUser("alice").sign()).userId()).isEqualTo("alice");
    }
    @Test
    void verifiesWithPemLocationAlthoughTheTokenNamesAKeyId() throws Exception {
        TokenSettings settings = keyAt(resourcePath("/jwt/public-rsa.pem").toString());

        Identity identity = verify(settings, Tokens.forUser("alice").keyId("test-rsa").sign());

        assertThat(identity.userId()).isEqualTo("alice");
    }
    @Test
    void verifiesWithInlinePemKey() throws Exception {
        TokenSettings settings = inlineKey(resource("/jwt/public-rsa.pem"));

        assertThat(verify(settings, Tokens.forUser("alice").sign()).userId()).isEqualTo("alice");
    }
    @Test
    void pemRsaKeyDoesNotVerifyEs256Tokens() {
        TokenSettings settings = keyAt(resourcePath("/jwt/public-rsa.pem").toString());

        assertThat(rejection(settings, Tokens.forUser("bob").es256().sign()))
                .isEqualTo("token algorithm or key is not accepted");
    }

    @Test
    void verifiesTokenNamingAKeyIdWithAKeyThatHasNone() throws Exception {
        RSAKey withId = (RSAKey) JWKSet.parse(resource("/jwt/public.jwks.json")).getKeyByKeyId("test-rsa");
        String withoutId = new RSAKey.Builder(withId.toRSAPublicKey()).build().toJSONString();

        Identity identity = verify(inlineKey(withoutId), Tokens.forUser("alice").keyId("test-rsa").sign());

        assertThat(identity.userId()).isEqualTo("alice");
    }

    @Test
    void verifiesWithAKeySetThatAlsoHoldsPrivateKeys() throws Exception {
        TokenSettings settings = inlineKey(resource("/jwt/private.jwks.json"));

        assertThat(verify(settings, Tokens.forUser("alice").sign()).userId()).isEqualTo("alice");
    }

    @Test
    void acceptsTokenOfAnyIssuerWhenNoneIsConfigured() throws Exception {
        TokenSettings settings = new TokenSettings(Optional.empty(), Optional.of(resource("/jwt/public.jwks.json")),
                Optional.empty(), Set.of(), List.of(), 0, Optional.empty());

        String token = Tokens.forUser("alice").issuer("https://elsewhere.test").audience("other").sign();

        assertThat(verify(settings, token).userId()).isEqualTo("alice");
    }

    @Test
    void acceptsTokenForOneOfSeveralAudiences() throws Exception {
        TokenSettings base = settings();
        TokenSettings settings = new TokenSettings(base.keyLocation(), base.inlineKey(), base.issuer(),
                Set.of("web", Tokens.AUDIENCE), base.algorithms(), 0, Optional.empty());

        assertThat(verify(settings, Tokens.forUser("alice").sign()).userId()).isEqualTo("alice");
    }

    // rejected tokens

    @Test
    void rejectsExpiredToken() {
        String token = Tokens.forUser("alice").expiresAt(Instant.now().minusSeconds(30)).sign();

        assertThat(rejection(token)).isEqualTo("token has expired");
    }

    @Test
    void rejectsTokenNotYetValid() {
        String token = Tokens.forUser("alice").notBefore(Instant.now().plusSeconds(300)).sign();

        assertThat(rejection(token)).isEqualTo("token is not yet valid");
    }

    @Test
    void rejectsTokenOfAnotherIssuer() {
        String token = Tokens.forUser("alice").issuer("https://evil.test").sign();

        assertThat(rejection(token)).isEqualTo("token issuer is not accepted");
    }

    @Test
    void rejectsTokenWithoutIssuer() throws Exception {
        String token = signRs256(validClaims().issuer(null).build());

        assertThat(rejection(token)).isEqualTo("token issuer is not accepted");
    }

    @Test
    void rejectsTokenForAnotherAudience() {
        String token = Tokens.forUser("alice").audience("another-app").sign();

        assertThat(rejection(token)).isEqualTo("token audience is not accepted");
    }
    @Test
    void rejectsTokenWithoutSubject() {
        String token = Tokens.forUser("alice").withoutSubject().sign();

        assertThat(rejection(token)).isEqualTo("token lacks a required claim (sub, exp)");
    }
    @Test
    void rejectsTokenWithoutExpiry() throws Exception {
        String token = signRs256(validClaims().expirationTime(null).build());

        assertThat(rejection(token)).isEqualTo("token lacks a required claim (sub, exp)");
    }
    @Test
    void rejectsTokenWithoutAudience() throws Exception {
        String token = signRs256(validClaims().audience((String) null).build());

        assertThat(rejection(token)).isEqualTo("token audience is not accepted");
    }

    @Test
    void tokenWithoutSubjectIsRejected() {
        // the right outcome; the message is wrong (see rejectsTokenWithoutSubject)
        String token = Tokens.forUser("alice").withoutSubject().sign();

        assertThat(rejection(token)).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", ""})
    void rejectsBlankSubject(String subject) throws Exception {
        String token = signRs256(validClaims().subject(subject).build());

        assertThat(rejection(token)).isEqualTo("token sub claim must be 1 to 255 characters");
    }

    @Test
    void rejectsSubjectOver255Characters() throws Exception {
        String token = signRs256(validClaims().subject("s".repeat(256)).build());

        assertThat(rejection(token)).isEqualTo("token sub claim must be 1 to 255 characters");
    }

    @Test
    void rejectsUnsignedToken() {
        assertThat(rejection(Tokens.forUser("alice").unsigned())).isEqualTo("unsigned tokens are not accepted");
    }

    @Test
    void rejectsHmacTokenSignedWithThePublicKey() {
        assertThat(rejection(Tokens.forUser("alice").signWithHmacOfPublicKey()))
                .isEqualTo("token algorithm or key is not accepted");
    }

    @Test
    void rejectsTokenSignedWithAForeignKey() {
        assertThat(rejection(Tokens.forUser("alice").signWithForeignKey())).isEqualTo("token signature is not valid");
    }

    @Test
    void rejectsTokenNamingAnUnknownKeyId() {
        assertThat(rejection(Tokens.forUser("alice").keyId("rotated-away").sign()))
                .isEqualTo("token algorithm or key is not accepted");
    }

    @Test
    void rejectsTokenOfAnotherType() throws Exception {
        String token = signRs256(new JOSEObjectType("secevent+jwt"), validClaims().build());

        assertThat(rejection(token)).isEqualTo("token type is not accepted");
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "a.b.c", "", "eyJhbGciOiJSUzI1NiJ9"})
    void rejectsMalformedToken(String token) {
        assertThat(rejection(token)).isEqualTo("token is malformed");
    }

    @Test
    void rejectsRs256WhenOnlyEs256IsAccepted() throws Exception {
        TokenSettings settings = withAlgorithms(List.of("ES256"));

        assertThat(rejection(settings, Tokens.forUser("alice").sign()))
                .isEqualTo("token algorithm or key is not accepted");
        assertThat(verify(settings, Tokens.forUser("bob").es256().sign()).userId()).isEqualTo("bob");
    }

    @Test
    void refusesToConfigureSymmetricAlgorithms() {
        assertThatThrownBy(() -> new TokenVerifier(withAlgorithms(List.of("RS256", "HS256"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("HS256");
    }

    @Test
    void rejectsTokenIssuedLongerAgoThanTheMaximumAge() throws Exception {
        String token = signRs256(validClaims().issueTime(Date.from(Instant.now().minusSeconds(3600))).build());

        assertThat(rejection(withMaxTokenAge(300), token)).isEqualTo("token is too old");
    }

    @Test
    void acceptsTokenYoungerThanTheMaximumAge() throws Exception {
        String token = signRs256(validClaims().issueTime(Date.from(Instant.now().minusSeconds(60))).build());

        assertThat(verify(withMaxTokenAge(300), token).userId()).isEqualTo("alice");
    }

    @Test
    void rejectsTokenWithoutIssueTimeWhenAgeIsLimited() throws Exception {
        String token = signRs256(validClaims().issueTime(null).build());

        assertThat(rejection(withMaxTokenAge(300), token)).isEqualTo("token has no iat claim");
    }

    @Test
    void rejectsEveryTokenWhenNoKeyIsConfigured() {
        TokenSettings settings = new TokenSettings(Optional.empty(), Optional.empty(), Optional.of(Tokens.ISSUER),
                Set.of(Tokens.AUDIENCE), List.of(), 0, Optional.empty());

        assertThat(rejection(settings, Tokens.forUser("alice").sign()))
                .isEqualTo("the server has no token verification key configured");
    }

    @Test
    void refusesUnreadableJsonKey() {
        assertThatThrownBy(() -> new TokenVerifier(inlineKey("{\"kty\":\"nonsense\"}")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("verification key is neither a JWKS, a JWK nor a PEM key");
    }
    @Test
    void refusesUnreadableKey() {
        assertThatThrownBy(() -> new TokenVerifier(inlineKey("not a key")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("verification key is neither a JWKS, a JWK nor a PEM key");
    }

    @Test
    void rejectionMessagesNeverContainTheToken() {
        String token = Tokens.forUser("alice").issuer("https://evil.test").sign();

        assertThat(rejection(token)).doesNotContain(token).doesNotContain("evil");
    }

    // display name

    @Test
    void displayNamePrefersName() {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("u1").claim("name", "Alice A.")
                .claim("preferred_username", "alice").claim("email", "alice@example.test").build();

        assertThat(TokenVerifier.displayName(claims)).isEqualTo("Alice A.");
    }

    @Test
    void displayNameFallsBackToPreferredUsername() {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("u1")
                .claim("preferred_username", "alice").claim("email", "alice@example.test").build();

        assertThat(TokenVerifier.displayName(claims)).isEqualTo("alice");
    }

    @Test
    void displayNameFallsBackToEmail() {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("u1").claim("email", "alice@example.test").build();

        assertThat(TokenVerifier.displayName(claims)).isEqualTo("alice@example.test");
    }

    @Test
    void displayNameFallsBackToSubject() {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("u1").build();

        assertThat(TokenVerifier.displayName(claims)).isEqualTo("u1");
    }

    @Test
    void displayNameSkipsBlankValues() {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("u1").claim("name", "  ")
                .claim("preferred_username", "").claim("email", "alice@example.test").build();

        assertThat(TokenVerifier.displayName(claims)).isEqualTo("alice@example.test");
    }

    @Test
    void displayNameSkipsValuesThatAreNotStrings() {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("u1").claim("name", 42)
                .claim("preferred_username", "alice").build();

        assertThat(TokenVerifier.displayName(claims)).isEqualTo("alice");
    }

    @Test
    void displayNameIsCutTo255Characters() {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("u1").claim("name", "n".repeat(300)).build();

        assertThat(TokenVerifier.displayName(claims)).isEqualTo("n".repeat(255));
    }

    // text the server could not store or send back

    @Test
    void rejectsSubjectWithNul() throws Exception {
        assertThat(rejection(signRs256(validClaims().subject("ali\u0000ce").build())))
                .isEqualTo("token sub claim must be valid Unicode text without NUL characters");
    }

    /** Signs claims written as JSON text, so that they can hold escapes no claims builder would write. */
    private static String signRawClaims(String json) throws Exception {
        RSAKey key = (RSAKey) JWKSet.parse(resource("/jwt/private.jwks.json")).getKeyByKeyId("test-rsa");
        com.nimbusds.jose.JWSObject jws = new com.nimbusds.jose.JWSObject(new JWSHeader.Builder(JWSAlgorithm.RS256)
                .type(JOSEObjectType.JWT).keyID("test-rsa").build(), new com.nimbusds.jose.Payload(json));
        jws.sign(new RSASSASigner(key));
        return jws.serialize();
    }

    private static String claimsJson(String subject, String name) {
        long now = Instant.now().getEpochSecond();
        return "{\"sub\":\"" + subject + "\",\"name\":\"" + name + "\",\"iss\":\"" + Tokens.ISSUER
                + "\",\"aud\":\"" + Tokens.AUDIENCE + "\",\"iat\":" + now + ",\"exp\":" + (now + 600) + "}";
    }

    @Test
    void rejectsSubjectWithALoneSurrogate() throws Exception {
        assertThat(rejection(signRawClaims(claimsJson("alice\\ud800", "Alice"))))
                .isEqualTo("token sub claim must be valid Unicode text without NUL characters");
    }

    @Test
    void cleansADisplayNameTheDatabaseCouldNotStore() throws Exception {
        Identity identity = verify(settings(), signRawClaims(claimsJson("alice", "Al\\u0000ice \\ud800")));

        assertThat(identity.displayName()).isEqualTo("Alice \uFFFD");
    }

    @Test
    void fallsBackToTheNextClaimWhenTheNameIsOnlyNul() throws Exception {
        Identity identity = verify(settings(), signRs256(validClaims().claim("name", "\u0000")
                .claim("preferred_username", "al").build()));

        assertThat(identity.displayName()).isEqualTo("al");
    }
}

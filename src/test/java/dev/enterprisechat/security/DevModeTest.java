package dev.enterprisechat.security;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.enterprisechat.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DevModeTest {

    private static final TokenSettings NO_KEY = new TokenSettings(Optional.empty(), Optional.empty(),
            Optional.empty(), Set.of(), List.of(), 0, Optional.empty());

    private static TokenSettings testIssuer() {
        try (InputStream in = DevModeTest.class.getResourceAsStream("/jwt/public.jwks.json")) {
            return new TokenSettings(Optional.empty(), Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8)),
                    Optional.of(Tokens.ISSUER), Set.of(Tokens.AUDIENCE), List.of(), 0, Optional.empty());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void issuesTokensTheServerTrusts() throws Exception {
        DevMode dev = DevMode.withTtl(Duration.ofMinutes(5));
        DevMode.IssuedToken issued = dev.issue("alice", "Alice");

        Identity identity = new TokenVerifier(NO_KEY, Optional.of(dev)).verify(issued.token());

        assertThat(identity).isEqualTo(new Identity("alice", "Alice", issued.expiresAt()));
        assertThat(issued.expiresAt()).isCloseTo(Instant.now().plus(Duration.ofMinutes(5)), within(2, ChronoUnit.SECONDS));
    }

    @Test
    void displayNameDefaultsToTheUserId() throws Exception {
        DevMode dev = DevMode.withTtl(Duration.ofMinutes(5));

        Identity identity = new TokenVerifier(NO_KEY, Optional.of(dev)).verify(dev.issue("bob", " ").token());

        assertThat(identity.displayName()).isEqualTo("bob");
    }

    @Test
    void theConfiguredIssuerStillWorksInDevMode() throws Exception {
        TokenVerifier verifier = new TokenVerifier(testIssuer(), Optional.of(DevMode.withTtl(Duration.ofMinutes(5))));

        assertThat(verifier.verify(Tokens.forUser("carol").sign()).userId()).isEqualTo("carol");
    }

    @Test
    void devTokensAreRefusedWithoutDevMode() {
        String token = DevMode.withTtl(Duration.ofMinutes(5)).issue("alice", null).token();

        assertThatThrownBy(() -> new TokenVerifier(testIssuer()).verify(token))
                .isInstanceOf(InvalidToken.class).hasMessage("token algorithm or key is not accepted");
    }

    @Test
    void tokensOfAnotherServersDevModeAreRefused() {
        String token = DevMode.withTtl(Duration.ofMinutes(5)).issue("alice", null).token();
        TokenVerifier verifier = new TokenVerifier(NO_KEY, Optional.of(DevMode.withTtl(Duration.ofMinutes(5))));

        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOf(InvalidToken.class).hasMessage("token algorithm or key is not accepted");
    }

    @Test
    void aForgedChatDevIssuerIsRefused() throws Exception {
        RSAKey attacker = new RSAKeyGenerator(2048).generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(),
                new JWTClaimsSet.Builder().issuer(DevMode.ISSUER).subject("admin").issueTime(new Date())
                        .expirationTime(Date.from(Instant.now().plusSeconds(60))).build());
        jwt.sign(new RSASSASigner(attacker));
        TokenVerifier verifier = new TokenVerifier(testIssuer(), Optional.of(DevMode.withTtl(Duration.ofMinutes(5))));

        assertThatThrownBy(() -> verifier.verify(jwt.serialize()))
                .isInstanceOf(InvalidToken.class).hasMessage("token signature is not valid");
    }

    @Test
    void withoutAnyKeyNobodySignsIn() {
        assertThatThrownBy(() -> new TokenVerifier(NO_KEY).verify(Tokens.forUser("alice").sign()))
                .isInstanceOf(InvalidToken.class).hasMessage("the server has no token verification key configured");
    }
}

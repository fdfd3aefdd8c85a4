package dev.enterprisechat.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import dev.enterprisechat.protocol.Unicode;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Verifies JWTs: signature with an accepted asymmetric algorithm, issuer, audience, expiry, not-before, token age and
 * the presence of {@code sub} and {@code exp}. Thread-safe; one per application.
 */
@ApplicationScoped
public class TokenVerifier {

    private static final Logger LOG = System.getLogger(TokenVerifier.class.getName());

    private DefaultJWTProcessor<SecurityContext> processor;
    private DefaultJWTProcessor<SecurityContext> devProcessor;
    private TokenSettings settings;
    private Optional<DevMode> devMode = Optional.empty();

    /** For CDI, which then configures it from MicroProfile Config. */
    public TokenVerifier() {
    }

    public TokenVerifier(TokenSettings settings) {
        this(settings, Optional.empty());
    }

    public TokenVerifier(TokenSettings settings, Optional<DevMode> devMode) {
        configure(settings, devMode);
    }

    @PostConstruct
    void configureFromConfig() {
        Config config = ConfigProvider.getConfig();
        configure(TokenSettings.from(config), DevMode.from(config));
    }

    /** @return the development mode, when the server runs in it */
    public Optional<DevMode> devMode() {
        return devMode;
    }

    /** Created at deployment, so that a missing or unreadable key is reported at once, not at the first sign-in. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (settings.keyLocation().isEmpty() && settings.inlineKey().isEmpty()) {
            return;
        }
        LOG.log(Level.INFO, "Verifying tokens with {0}{1}", settings.keyLocation().orElse("an inline key"),
                settings.issuer().map(issuer -> " for issuer " + issuer).orElse(""));
    }

    private void configure(TokenSettings settings, Optional<DevMode> devMode) {
        this.settings = settings;
        this.devMode = devMode;
        devMode.ifPresent(dev -> devProcessor = processor(KeySelector.ASYMMETRIC,
                new ImmutableJWKSet<>(new JWKSet(dev.publicKey())),
                claimsVerifier(new TokenSettings(Optional.empty(), Optional.empty(), Optional.of(DevMode.ISSUER),
                        Set.of(), List.of(), settings.clockSkew(), Optional.empty()))));
        if (settings.keyLocation().isEmpty() && settings.inlineKey().isEmpty()) {
            if (devMode.isEmpty()) {
                LOG.log(Level.ERROR, "No token verification key configured (mp.jwt.verify.publickey.location or "
                        + "MP_JWT_VERIFY_PUBLICKEY_LOCATION): nobody can sign in");
            } else {
                LOG.log(Level.INFO, "No token verification key configured: only development tokens are accepted");
            }
            return;
        }
        if (settings.issuer().isEmpty()) {
            LOG.log(Level.WARNING, "mp.jwt.verify.issuer is not set: tokens of any issuer signed by the key are accepted");
        }
        this.processor = processor(algorithms(settings), VerificationKeys.from(settings), claimsVerifier(settings));
    }

    private static DefaultJWTProcessor<SecurityContext> processor(Set<JWSAlgorithm> algorithms,
                                                                  JWKSource<SecurityContext> keys,
                                                                  DefaultJWTClaimsVerifier<SecurityContext> claims) {
        DefaultJWTProcessor<SecurityContext> jwt = new DefaultJWTProcessor<>();
        jwt.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(
                JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
        jwt.setJWSKeySelector(new KeySelector(algorithms, keys));
        jwt.setJWTClaimsSetVerifier(claims);
        return jwt;
    }

    private static Set<JWSAlgorithm> algorithms(TokenSettings settings) {
        if (settings.algorithms().isEmpty()) {
            return KeySelector.ASYMMETRIC;
        }
        Set<JWSAlgorithm> chosen = settings.algorithms().stream().map(JWSAlgorithm::parse)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (!KeySelector.ASYMMETRIC.containsAll(chosen)) {
            throw new IllegalStateException("mp.jwt.verify.publickey.algorithm may only name RS*, PS* or ES* "
                    + "algorithms, not " + settings.algorithms());
        }
        return chosen;
    }

    private static DefaultJWTClaimsVerifier<SecurityContext> claimsVerifier(TokenSettings settings) {
        JWTClaimsSet.Builder exact = new JWTClaimsSet.Builder();
        settings.issuer().ifPresent(exact::issuer);
        // mutable sets: nimbus asks them whether they contain null, which immutable sets answer with an NPE
        var verifier = new DefaultJWTClaimsVerifier<SecurityContext>(
                settings.audiences().isEmpty() ? null : new HashSet<>(settings.audiences()),
                exact.build(), new HashSet<>(Set.of("sub", "exp")), new HashSet<>());
        verifier.setMaxClockSkew(settings.clockSkew());
        return verifier;
    }

    /**
     * @return the identity the token proves
     * @throws InvalidToken     when the token is not acceptable, with a reason that is safe to show
     * @throws KeysUnavailable when the keys could not be fetched
     */
    public Identity verify(String token) throws InvalidToken, KeysUnavailable {
        DefaultJWTProcessor<SecurityContext> chosen = devProcessor != null && issuedInDevMode(token)
                ? devProcessor : processor;
        if (chosen == null) {
            throw new InvalidToken("the server has no token verification key configured");
        }
        JWTClaimsSet claims;
        try {
            claims = chosen.process(token, null);
        } catch (ParseException e) {
            throw new InvalidToken("token is malformed");
        } catch (KeySourceException e) {
            throw new KeysUnavailable("token keys could not be fetched", e);
        } catch (BadJOSEException e) {
            throw new InvalidToken(reason(e));
        } catch (JOSEException e) {
            throw new InvalidToken("token signature could not be verified");
        }
        checkAge(claims);
        String subject = claims.getSubject();
        if (subject == null || subject.isBlank() || subject.length() > 255) {
            throw new InvalidToken("token sub claim must be 1 to 255 characters");
        }
        if (Unicode.problem(subject) != null) {
            throw new InvalidToken("token sub claim must be valid Unicode text without NUL characters");
        }
        return new Identity(subject, displayName(claims), claims.getExpirationTime().toInstant());
    }

    /** Only picks the processor; the chosen one verifies the signature and the issuer again. */
    private static boolean issuedInDevMode(String token) {
        try {
            return DevMode.ISSUER.equals(JWTParser.parse(token).getJWTClaimsSet().getIssuer());
        } catch (ParseException malformed) {
            return false;
        }
    }

    private void checkAge(JWTClaimsSet claims) throws InvalidToken {
        if (settings.maxTokenAge().isEmpty()) {
            return;
        }
        Date issuedAt = claims.getIssueTime();
        if (issuedAt == null) {
            throw new InvalidToken("token has no iat claim");
        }
        Instant oldest = Instant.now().minusSeconds(settings.maxTokenAge().get() + settings.clockSkew());
        if (issuedAt.toInstant().isBefore(oldest)) {
            throw new InvalidToken("token is too old");
        }
    }

    static String displayName(JWTClaimsSet claims) {
        for (String claim : new String[]{"name", "preferred_username", "email"}) {
            Object value = claims.getClaim(claim);
            if (value instanceof String text && !Unicode.sanitized(text).isBlank()) {
                // a name is shown, not trusted: an unstorable character is dropped rather than the sign-in refused
                String clean = Unicode.sanitized(text);
                return clean.length() <= 255 ? clean : Unicode.sanitized(clean.substring(0, 255));
            }
        }
        return claims.getSubject();
    }

    private static String reason(BadJOSEException e) {
        if (e instanceof ExpiredJWTException) {
            return "token has expired";
        }
        String message = String.valueOf(e.getMessage());
        if (e instanceof BadJWTException) {
            // nimbus' messages: "JWT before use time", "JWT missing required claims: [sub, iss]",
            // "JWT missing required aud claim", "JWT aud claim rejected", "JWT iss claim has value …"
            if (message.contains("before use time")) {
                return "token is not yet valid";
            }
            if (message.contains("aud claim")) {
                return "token audience is not accepted";
            }
            if (message.contains("iss claim") || message.matches("JWT missing required claims: \\[.*\\biss\\b.*")) {
                return "token issuer is not accepted";
            }
            if (message.contains("missing required claims")) {
                return "token lacks a required claim (sub, exp)";
            }
            return "token claims are not accepted";
        }
        if (message.contains("plain") || message.contains("Unsecured")) {
            return "unsigned tokens are not accepted";
        }
        if (message.contains("Invalid signature")) {
            return "token signature is not valid";
        }
        if (message.contains("type")) {
            return "token type is not accepted";
        }
        return "token algorithm or key is not accepted";
    }
}

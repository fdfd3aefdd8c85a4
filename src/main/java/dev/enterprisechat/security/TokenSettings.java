package dev.enterprisechat.security;

import org.eclipse.microprofile.config.Config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The MicroProfile JWT verification settings, read from any config source (so {@code MP_JWT_VERIFY_ISSUER} in the
 * environment works like {@code mp.jwt.verify.issuer} in a properties file).
 *
 * @param keyLocation  {@code mp.jwt.verify.publickey.location}: a PEM or JWKS file path, {@code file:},
 *                     {@code classpath:} or {@code http(s):} URL
 * @param inlineKey    {@code mp.jwt.verify.publickey}: the PEM or JWKS text itself
 * @param issuer       {@code mp.jwt.verify.issuer}: the required {@code iss}; unchecked when absent
 * @param audiences    {@code mp.jwt.verify.audiences}: {@code aud} must contain one of them; unchecked when empty
 * @param algorithms   {@code mp.jwt.verify.publickey.algorithm}: the accepted algorithms; all RS/PS/ES when empty
 * @param clockSkew    {@code mp.jwt.verify.clock.skew}: seconds of tolerance on exp/nbf/iat (default 60)
 * @param maxTokenAge  {@code mp.jwt.verify.token.age}: seconds a token may live after {@code iat}; unlimited if absent
 */
public record TokenSettings(Optional<String> keyLocation, Optional<String> inlineKey, Optional<String> issuer,
                            Set<String> audiences, List<String> algorithms, int clockSkew,
                            Optional<Long> maxTokenAge) {

    public static TokenSettings from(Config config) {
        return new TokenSettings(
                nonBlank(config, "mp.jwt.verify.publickey.location"),
                nonBlank(config, "mp.jwt.verify.publickey"),
                nonBlank(config, "mp.jwt.verify.issuer"),
                Set.copyOf(list(config, "mp.jwt.verify.audiences")),
                list(config, "mp.jwt.verify.publickey.algorithm"),
                config.getOptionalValue("mp.jwt.verify.clock.skew", Integer.class).orElse(60),
                config.getOptionalValue("mp.jwt.verify.token.age", Long.class));
    }

    private static Optional<String> nonBlank(Config config, String name) {
        return config.getOptionalValue(name, String.class).map(String::trim).filter(s -> !s.isEmpty());
    }

    private static List<String> list(Config config, String name) {
        return nonBlank(config, name)
                .map(value -> Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .collect(Collectors.toList()))
                .orElse(List.of());
    }
}

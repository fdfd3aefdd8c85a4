package dev.enterprisechat.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;

import java.security.Key;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Picks the keys that may verify a token: only for the accepted asymmetric algorithms, by key id when the token
 * names one that the key set knows, else any key without an id (a PEM file has none; issuers sign with a {@code kid}).
 * <p>
 * A key set's keys are converted to Java keys once, not for every token: the conversion decodes the key's numbers
 * with the JOSE library's constant-time Base64 codec, which was a tenth of a handshake's CPU (docs/benchmarks.md).
 */
final class KeySelector implements JWSKeySelector<SecurityContext> {

    /** More keys than a key set holds across a few rotations: past it, the conversions are made again. */
    static final int MAX_CONVERTED = 64;

    static final Set<JWSAlgorithm> ASYMMETRIC = Set.of(
            JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512,
            JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    private final Set<JWSAlgorithm> accepted;
    private final JWKSource<SecurityContext> source;
    /** Each key as converted, by the key (equal keys of a key set fetched again convert alike). */
    private final Map<JWK, Key> converted = new ConcurrentHashMap<>();

    KeySelector(Set<JWSAlgorithm> accepted, JWKSource<SecurityContext> source) {
        this.accepted = accepted;
        this.source = source;
    }

    @Override
    public List<Key> selectJWSKeys(JWSHeader header, SecurityContext context) throws KeySourceException {
        JWSAlgorithm algorithm = header.getAlgorithm();
        if (!accepted.contains(algorithm)) {
            return List.of();
        }
        String keyId = header.getKeyID();
        List<JWK> candidates = keyId == null
                ? List.of()
                : source.get(new JWKSelector(matcher(algorithm).keyID(keyId).build()), context);
        if (candidates.isEmpty()) {
            candidates = source.get(new JWKSelector(matcher(algorithm).build()), context).stream()
                    .filter(jwk -> keyId == null || jwk.getKeyID() == null)
                    .toList();
        }
        List<Key> keys = new ArrayList<>(candidates.size());
        if (converted.size() > MAX_CONVERTED) {
            converted.clear();
        }
        for (JWK jwk : candidates) {
            Key key = converted.computeIfAbsent(jwk, KeySelector::publicKey);
            if (key != null) {
                keys.add(key);
            }
        }
        return keys;
    }

    private static JWKMatcher.Builder matcher(JWSAlgorithm algorithm) {
        JWKMatcher.Builder builder = new JWKMatcher.Builder()
                .keyType(KeyType.forAlgorithm(algorithm))
                .keyUses(KeyUse.SIGNATURE, null)
                .algorithms(algorithm, null);
        Set<Curve> curves = Curve.forJWSAlgorithm(algorithm);
        return curves == null || curves.isEmpty() ? builder : builder.curves(curves);
    }

    private static Key publicKey(JWK jwk) {
        try {
            if (jwk instanceof RSAKey rsa) {
                return rsa.toRSAPublicKey();
            }
            if (jwk instanceof ECKey ec) {
                return ec.toECPublicKey();
            }
        } catch (JOSEException unusable) {
            return null;
        }
        return null;
    }
}

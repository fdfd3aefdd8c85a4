package dev.enterprisechat.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import org.junit.jupiter.api.Test;

import java.security.Key;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class KeySelectorTest {

    @Test
    void aKeyIsConvertedOnceForAllTheTokensItVerifies() throws Exception {
        RSAKey signing = new RSAKeyGenerator(2048).keyID("k1").generate();
        KeySelector selector = new KeySelector(Set.of(JWSAlgorithm.RS256),
                new ImmutableJWKSet<>(new JWKSet(signing.toPublicJWK())));
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build();

        List<Key> first = selector.selectJWSKeys(header, null);
        List<Key> second = selector.selectJWSKeys(header, null);

        assertThat(first).singleElement().isInstanceOf(RSAPublicKey.class);
        assertThat(((RSAPublicKey) first.get(0)).getModulus()).isEqualTo(signing.toRSAPublicKey().getModulus());
        assertThat(second).singleElement().isSameAs(first.get(0));
    }

    @Test
    void aRotatedKeySetIsConvertedAgain() throws Exception {
        RSAKey before = new RSAKeyGenerator(2048).keyID("k1").generate();
        RSAKey after = new RSAKeyGenerator(2048).keyID("k1").generate();
        JWKSet[] current = {new JWKSet(before.toPublicJWK())};
        KeySelector selector = new KeySelector(Set.of(JWSAlgorithm.RS256),
                (jwkSelector, context) -> jwkSelector.select(current[0]));
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build();

        Key old = selector.selectJWSKeys(header, null).get(0);
        current[0] = new JWKSet(after.toPublicJWK());
        Key rotated = selector.selectJWSKeys(header, null).get(0);

        assertThat(((RSAPublicKey) old).getModulus()).isEqualTo(before.toRSAPublicKey().getModulus());
        assertThat(((RSAPublicKey) rotated).getModulus()).isEqualTo(after.toRSAPublicKey().getModulus());
    }
}

package dev.enterprisechat.groups.control;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class InviteCodesTest {

    private static List<String> codes(int count) {
        return Stream.generate(InviteCodes::next).limit(count).toList();
    }

    @Test
    void codeHasSixteenCharacters() {
        assertThat(InviteCodes.next()).hasSize(16);
    }

    @Test
    void codesUseOnlyTheUrlSafeAlphabet() {
        assertThat(codes(1000)).allSatisfy(code -> assertThat(code).matches("[A-Za-z0-9_-]{16}"));
    }

    @Test
    void thousandCodesAreDistinct() {
        List<String> codes = codes(1000);

        assertThat(new HashSet<>(codes)).hasSize(1000);
    }

    @Test
    void codesDrawOnTheWholeAlphabet() {
        // 16,000 draws from 64 symbols: the chance that one symbol never appears is below 1e-100
        Set<Character> seen = codes(1000).stream().flatMap(code -> code.chars().mapToObj(c -> (char) c))
                .collect(Collectors.toSet());

        assertThat(seen).hasSize(64);
    }
}

package dev.enterprisechat.directory.boundary;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DirectoryTest {

    @Test
    void likeWildcardsAndTheEscapeCharacterAreTakenLiterally() {
        assertThat(Directory.escape("a%b_c\\d")).isEqualTo("a\\%b\\_c\\\\d");
        assertThat(Directory.escape("plain")).isEqualTo("plain");
    }
}

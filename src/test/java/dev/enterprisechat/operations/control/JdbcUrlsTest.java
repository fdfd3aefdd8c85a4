package dev.enterprisechat.operations.control;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JdbcUrlsTest {

    @Test
    void keepsAUrlWithoutParameters() {
        assertThat(JdbcUrls.withoutSecrets("jdbc:postgresql://db:5432/chat")).isEqualTo("jdbc:postgresql://db:5432/chat");
    }

    @Test
    void dropsPostgresqlParametersThatMayHoldAPassword() {
        assertThat(JdbcUrls.withoutSecrets("jdbc:postgresql://db:5432/chat?user=chat&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/chat (parameters not shown)")
                .doesNotContain("s3cret");
    }

    @Test
    void dropsH2SettingsThatMayHoldAPassword() {
        assertThat(JdbcUrls.withoutSecrets("jdbc:h2:file:/data/chat;USER=sa;PASSWORD=s3cret"))
                .isEqualTo("jdbc:h2:file:/data/chat (parameters not shown)");
    }

    @Test
    void dropsUserInformation() {
        assertThat(JdbcUrls.withoutSecrets("jdbc:mysql://chat:s3cret@db:3306/chat"))
                .isEqualTo("jdbc:mysql://db:3306/chat");
    }
}

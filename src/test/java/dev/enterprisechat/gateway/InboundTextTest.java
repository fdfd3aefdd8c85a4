package dev.enterprisechat.gateway;

import dev.enterprisechat.protocol.BadFrame;
import dev.enterprisechat.protocol.ErrorCode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class InboundTextTest {

    @Test
    void passesAWholeMessageThrough() throws BadFrame {
        String frame = "{\"type\":\"ping\"}";

        assertThat(new InboundText(100).add(frame, true)).isSameAs(frame);
    }

    @Test
    void joinsFragments() throws BadFrame {
        InboundText inbound = new InboundText(100);

        assertThat(inbound.add("ab", false)).isNull();
        assertThat(inbound.add("cd", false)).isNull();
        assertThat(inbound.add("ef", true)).isEqualTo("abcdef");
        assertThat(inbound.add("next", true)).isEqualTo("next");
    }

    @Test
    void refusesAtTheFragmentThatPassesTheLimitCountingBytes() throws BadFrame {
        InboundText inbound = new InboundText(10);
        inbound.add("éééé", false);

        BadFrame bad = catchThrowableOfType(BadFrame.class, () -> inbound.add("ééé", false));

        assertThat(bad.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
        assertThat(bad.endsConnection()).isTrue();
        assertThat(bad.getMessage()).isEqualTo("frame is larger than 10 bytes");
    }

    @Test
    void acceptsFragmentsUpToExactlyTheLimit() throws BadFrame {
        InboundText inbound = new InboundText(10);
        inbound.add("12345", false);

        assertThat(inbound.add("67890", true)).isEqualTo("1234567890");
    }
}

package io.chatkit.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

class ProductionStackTest {

    @Test
    void in_prod_the_table_is_retained_and_named_after_the_environment() {
        Template template = Template.fromStack(Synth.app(ChatInfraConfig.defaults("prod")).database());

        template.hasResourceProperties("AWS::DynamoDB::Table", Map.of("TableName", "chatkit-prod"));
        assertThat(template.findResources("AWS::DynamoDB::Table").values()).allSatisfy(table -> {
            assertThat(table.get("DeletionPolicy")).isEqualTo("Retain");
            assertThat(table.get("UpdateReplacePolicy")).isEqualTo("Retain");
        });
    }
}

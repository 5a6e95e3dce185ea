package io.chatkit.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.List;
import software.constructs.IConstruct;

/**
 * Accepted findings of cdk-nag's AWS Solutions checks, each with its reason, attached to the construct it
 * concerns (and, where the finding names them, to exactly those actions or resources). Everything not
 * accepted here fails synthesis.
 */
final class NagFindings {
    /*
     * How a finding names the partition, region and account: CloudFormation's pseudo parameters when the stack's
     * environment is left open, the values themselves when CDK_DEFAULT_REGION / CDK_DEFAULT_ACCOUNT are set — which
     * the CDK CLI always does for the region, and for the account whenever it finds credentials.
     */
    static final String PARTITION = "(<AWS::Partition>|aws|aws-cn|aws-us-gov)";
    static final String REGION = "(<AWS::Region>|[a-z]{2}(-[a-z]+)+-\\d)";
    static final String ACCOUNT = "(<AWS::AccountId>|\\d{12})";

    private NagFindings() {
    }

    /** Accepts finding {@code id} on {@code construct} and its children, for the listed findings only if given. */
    static void accept(IConstruct construct, String id, String reason, String... appliesTo) {
        NagPackSuppression.Builder suppression = NagPackSuppression.builder().id(id).reason(reason);
        if (appliesTo.length > 0) {
            suppression.appliesTo(List.of((Object[]) appliesTo));
        }
        NagSuppressions.addResourceSuppressions(construct, List.of(suppression.build()), true);
    }

    /** As {@link #accept}, for the findings whose resource or action matches one of the regular expressions. */
    static void acceptMatching(IConstruct construct, String id, String reason, String... patterns) {
        List<Object> appliesTo = java.util.Arrays.stream(patterns)
                .map(pattern -> (Object) RegexAppliesTo.builder().regex("/" + pattern + "/g").build())
                .toList();
        NagSuppressions.addResourceSuppressions(construct,
                List.of(NagPackSuppression.builder().id(id).reason(reason).appliesTo(appliesTo).build()), true);
    }
}

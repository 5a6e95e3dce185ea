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

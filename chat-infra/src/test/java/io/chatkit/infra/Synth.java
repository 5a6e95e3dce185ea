package io.chatkit.infra;

import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

/** One app per environment under test, synthesized into target/ (one App per stack template, see FACTS). */
final class Synth {
    private Synth() {
    }

    static ChatInfraApp.ChatStacks app(ChatInfraConfig config) {
        App app = new App(AppProps.builder().outdir("target/cdk.out/" + config.envName() + "-" + System.nanoTime())
                .build());
        return ChatInfraApp.build(app, config);
    }
}

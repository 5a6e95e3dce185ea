package io.chatkit.infra;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cognito.AuthFlow;
import software.amazon.awscdk.services.cognito.SignInAliases;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolClientOptions;
import software.amazon.awscdk.services.cognito.UserPoolProps;
import software.constructs.Construct;

/**
 * The Cognito user pool and app client whose tokens {@code $connect} accepts. Not created when the
 * configuration names an existing pool.
 */
public final class AuthStack extends Stack {
    private final UserPoolRef userPool;

    /** The pool and app client the functions verify tokens against. */
    public record UserPoolRef(String userPoolId, String clientId) {
    }

    public AuthStack(Construct scope, String id, StackProps props, ChatInfraConfig config) {
        super(scope, id, props);
        UserPool pool = new UserPool(this, "UserPool", UserPoolProps.builder()
                .userPoolName("chatkit-" + config.envName())
                .selfSignUpEnabled(true)
                .signInAliases(SignInAliases.builder().username(true).email(true).build())
                .removalPolicy(config.isProduction() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                .build());
        UserPoolClient client = pool.addClient("WebClient", UserPoolClientOptions.builder()
                .userPoolClientName("chatkit-web-" + config.envName())
                .generateSecret(false)
                .authFlows(AuthFlow.builder().userPassword(true).userSrp(true).build())
                .build());
        userPool = new UserPoolRef(pool.getUserPoolId(), client.getUserPoolClientId());
        CfnOutput.Builder.create(this, "UserPoolId").value(userPool.userPoolId()).build();
        CfnOutput.Builder.create(this, "UserPoolClientId").value(userPool.clientId()).build();
    }

    public UserPoolRef userPool() {
        return userPool;
    }
}

package io.chatkit.infra;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cognito.AuthFlow;
import software.amazon.awscdk.services.cognito.Mfa;
import software.amazon.awscdk.services.cognito.MfaSecondFactor;
import software.amazon.awscdk.services.cognito.PasswordPolicy;
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
                .selfSignUpEnabled(config.selfSignUp())
                .signInAliases(SignInAliases.builder().username(true).email(true).build())
                .passwordPolicy(PasswordPolicy.builder().minLength(12).requireLowercase(true).requireUppercase(true)
                        .requireDigits(true).requireSymbols(true).build())
                .mfa(Mfa.OPTIONAL)
                .mfaSecondFactor(MfaSecondFactor.builder().otp(true).sms(false).build())
                .removalPolicy(config.isProduction() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                .build());
        NagFindings.accept(pool, "AwsSolutions-COG2", "MFA is offered (authenticator apps), not forced: end users of "
                + "a chat sign themselves up; a team that must require it sets Mfa.REQUIRED or brings its own pool "
                + "(-c userPoolId)");
        NagFindings.accept(pool, "AwsSolutions-COG3", "threat protection needs Cognito's Plus feature plan, a "
                + "per-user monthly cost the deployer opts into; bring your own pool (-c userPoolId) to use it");
        UserPoolClient client = pool.addClient("WebClient", UserPoolClientOptions.builder()
                .userPoolClientName("chatkit-web-" + config.envName())
                .generateSecret(false)
                // a sign-in with an unknown user name fails as a wrong password does: no user enumeration
                .preventUserExistenceErrors(true)
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

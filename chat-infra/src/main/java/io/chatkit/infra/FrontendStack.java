package io.chatkit.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudfront.BehaviorOptions;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOrigin;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.deployment.BucketDeployment;
import software.amazon.awscdk.services.s3.deployment.Source;
import software.constructs.Construct;

/**
 * The web client's static files on a private S3 bucket behind CloudFront, with a {@code config.json}
 * that tells it the WebSocket URL and the Cognito pool to sign in with.
 */
public final class FrontendStack extends Stack {

    public FrontendStack(Construct scope, String id, StackProps props, ChatInfraConfig config, String websocketUrl,
                         AuthStack.UserPoolRef userPool) {
        super(scope, id, props);
        Bucket site = Bucket.Builder.create(this, "SiteBucket")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .removalPolicy(config.isProduction() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                .autoDeleteObjects(!config.isProduction())
                .build();
        Distribution cdn = Distribution.Builder.create(this, "SiteDistribution")
                .defaultRootObject("index.html")
                .defaultBehavior(BehaviorOptions.builder()
                        .origin(S3BucketOrigin.withOriginAccessControl(site))
                        .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                        .build())
                .build();
        BucketDeployment.Builder.create(this, "SiteFiles")
                .destinationBucket(site)
                .distribution(cdn)
                .sources(List.of(
                        Source.asset(config.webClient().toString()),
                        Source.jsonData("config.json", Map.of(
                                "websocketUrl", websocketUrl,
                                "cognito", Map.of("region", Stack.of(this).getRegion(),
                                        "userPoolId", userPool.userPoolId(), "clientId", userPool.clientId())))))
                .build();
        CfnOutput.Builder.create(this, "SiteUrl").value("https://" + cdn.getDistributionDomainName()).build();
    }
}

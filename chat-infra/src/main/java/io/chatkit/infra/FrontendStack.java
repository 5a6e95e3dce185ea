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
        NagFindings.accept(site, "AwsSolutions-S1", "a handful of static files read only through CloudFront; the "
                + "chat's own traffic and its logs are the WebSocket stage's");
        NagFindings.accept(cdn, "AwsSolutions-CFR1", "the chat is meant for every country; restrict it with a geo "
                + "restriction if yours is not");
        NagFindings.accept(cdn, "AwsSolutions-CFR2", "the distribution serves static files only (the chat itself goes "
                + "to API Gateway); a WAF web ACL is a monthly cost the deployer opts into");
        NagFindings.accept(cdn, "AwsSolutions-CFR3", "a handful of static files; access logs would need a logging "
                + "bucket for little insight");
        NagFindings.accept(cdn, "AwsSolutions-CFR4", "the default *.cloudfront.net certificate, whose minimum TLS "
                + "version CloudFront fixes; a custom domain with its certificate lifts it to TLS 1.2");
        getNode().getChildren().stream()
                .filter(child -> child.getNode().getId().startsWith("Custom::CDKBucketDeployment"))
                .forEach(provider -> {
                    String why = "CDK's own BucketDeployment provider, which copies the web client from the CDK "
                            + "assets bucket to the site bucket at deploy time and never runs at chat time";
                    NagFindings.accept(provider, "AwsSolutions-L1", why + "; its runtime is CDK's choice");
                    NagFindings.accept(provider, "AwsSolutions-IAM4", why + "; it logs with the basic execution role",
                            "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole");
                    NagFindings.accept(provider, "AwsSolutions-IAM5", why + "; CDK scopes it to the two buckets",
                            "Action::s3:GetObject*", "Action::s3:GetBucket*", "Action::s3:List*",
                            "Action::s3:DeleteObject*", "Action::s3:Abort*", "Resource::*",
                            "Resource::<SiteBucket397A1860.Arn>/*");
                    NagFindings.acceptMatching(provider, "AwsSolutions-IAM5",
                            why + "; CDK scopes it to its assets bucket",
                            "^Resource::arn:" + NagFindings.PARTITION + ":s3:::cdk-hnb659fds-assets-"
                                    + NagFindings.ACCOUNT + "-" + NagFindings.REGION + "/\\*$");
                });
        CfnOutput.Builder.create(this, "SiteUrl").value("https://" + cdn.getDistributionDomainName()).build();
    }
}

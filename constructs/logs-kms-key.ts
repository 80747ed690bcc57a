import { Construct } from "constructs";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { checkProp } from "./errors";
import { rules } from "./rules";

export interface LogsKmsKeyProps {
  /** Alias name without `alias/`, e.g. `mtls-hardened-logs`. */
  readonly alias: string;
  /** Days before a deleted key is gone, 7–30. @default 30 */
  readonly deletionWindowDays?: number;
  /**
   * Major version of the AWS provider the stack uses. On 6 the region's name is read from
   * `data.aws_region`'s `region` attribute; its `name` is deprecated there (a warning on every
   * plan). AWS 5 has only `name`. @default 5
   */
  readonly awsProvider?: 5 | 6;
}

/**
 * A customer-managed KMS key for CloudWatch Logs log groups (`LambdaBackend.logKmsKeyArn`): yearly
 * automatic rotation, and a key policy that lets the account administer it through IAM and lets
 * CloudWatch Logs of this account and region, and nothing else, use it for its log groups
 * (the `kms:EncryptionContext:aws:logs:arn` condition AWS documents for log group encryption).
 */
export class LogsKmsKey extends Construct {
  readonly key: KmsKey;
  /** ARN of the key (what a log group's `kms_key_id` takes). */
  readonly keyArn: string;

  constructor(scope: Construct, id: string, props: LogsKmsKeyProps) {
    super(scope, id);
    checkProp(this, "alias", props.alias, rules.kmsAliasName);
    checkProp(this, "deletionWindowDays", props.deletionWindowDays, {
      allowed: "a whole number of days from 7 to 30",
      test: (v: number) => Number.isInteger(v) && v >= 7 && v <= 30,
    });
    const account = new DataAwsCallerIdentity(this, "account", {});
    const regionData = new DataAwsRegion(this, "region", {});
    const region = props.awsProvider === 6 ? regionData.region : regionData.name;
    const partition = new DataAwsPartition(this, "partition", {});
    const policy = new DataAwsIamPolicyDocument(this, "policy", {
      statement: [
        {
          sid: "AccountAdministersThroughIam",
          effect: "Allow",
          principals: [{ type: "AWS", identifiers: [`arn:${partition.partition}:iam::${account.accountId}:root`] }],
          actions: ["kms:*"],
          resources: ["*"],
        },
        {
          sid: "CloudWatchLogsOfThisAccount",
          effect: "Allow",
          principals: [{ type: "Service", identifiers: [`logs.${region}.amazonaws.com`] }],
          actions: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
          resources: ["*"],
          condition: [
            {
              test: "ArnLike",
              variable: "kms:EncryptionContext:aws:logs:arn",
              values: [`arn:${partition.partition}:logs:${region}:${account.accountId}:log-group:*`],
            },
          ],
        },
      ],
    });
    this.key = new KmsKey(this, "key", {
      description: `CloudWatch Logs log groups (${props.alias})`,
      enableKeyRotation: true,
      deletionWindowInDays: props.deletionWindowDays ?? 30,
      policy: policy.json,
    });
    new KmsAlias(this, "alias", { name: `alias/${props.alias}`, targetKeyId: this.key.keyId });
    this.keyArn = this.key.arn;
  }
}

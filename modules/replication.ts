import { Construct } from "constructs";
import { EcrReplicationConfiguration } from "@cdktf/provider-aws/lib/ecr-replication-configuration";
import type { ReplicationRulePlan } from "../core/model";

export interface ReplicationProps {
  readonly rules: readonly ReplicationRulePlan[];
}

/** The registry's one replication configuration (aws-facts.md: one per registry). */
export class Replication extends Construct {
  readonly configuration: EcrReplicationConfiguration;
  constructor(scope: Construct, id: string, props: ReplicationProps) {
    super(scope, id);
    this.configuration = new EcrReplicationConfiguration(this, "configuration", {
      replicationConfiguration: {
        rule: props.rules.map((rule) => ({
          destination: rule.destinations.map((d) => ({ region: d.region, registryId: d.account })),
          repositoryFilter: rule.repositoryPrefixes.map((filter) => ({ filter, filterType: "PREFIX_MATCH" })),
        })),
      },
    });
  }
}

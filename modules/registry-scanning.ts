import { Construct } from "constructs";
import { EcrRegistryScanningConfiguration } from "@cdktf/provider-aws/lib/ecr-registry-scanning-configuration";

export interface RegistryScanningProps {
  readonly type: "BASIC" | "ENHANCED";
  readonly frequency: "SCAN_ON_PUSH" | "CONTINUOUS_SCAN" | "MANUAL";
}

/** The registry's scanning configuration: a registry-wide singleton, so it lives in the registry stack. */
export class RegistryScanning extends Construct {
  readonly configuration: EcrRegistryScanningConfiguration;
  constructor(scope: Construct, id: string, props: RegistryScanningProps) {
    super(scope, id);
    this.configuration = new EcrRegistryScanningConfiguration(this, "configuration", {
      scanType: props.type,
      ...(props.frequency === "MANUAL" ? {} : { rule: [{ scanFrequency: props.frequency, repositoryFilter: [{ filter: "*", filterType: "WILDCARD" }] }] }),
    });
  }
}

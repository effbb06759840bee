import { Construct } from "constructs";
import { ServicequotasServiceQuota } from "@cdktf/provider-aws/lib/servicequotas-service-quota";
import type { QuotaRequestPlan } from "../core/model";

export interface QuotaRequestsProps {
  readonly requests: readonly QuotaRequestPlan[];
}

/**
 * Opt-in quota increase requests for ECR's rate quotas. Fragile by nature (aws-facts.md): one open
 * request per quota, perpetual diffs after approval; docs/quotas.md says how to live with it.
 */
export class QuotaRequests extends Construct {
  constructor(scope: Construct, id: string, props: QuotaRequestsProps) {
    super(scope, id);
    for (const request of props.requests) {
      new ServicequotasServiceQuota(this, request.api, { serviceCode: "ecr", quotaCode: request.quotaCode, value: request.value });
    }
  }
}

/**
 * Service events that are context, not failures (ECS service event messages, AWS ECS developer
 * guide): tasks started or stopped, steady state, deployments, load balancer registration. They
 * are read for bursts and windows but never listed as unclassified.
 */
export const INFORMATIONAL: readonly RegExp[] = [
  /has started \d+ tasks?/,
  /has stopped \d+ (running )?tasks?/,
  /has reached a steady state/,
  /deployment (ecs-svc\/\S+ )?completed/i,
  /(de)?registered \d+ targets/,
  /has begun draining connections/,
  /is unable to consistently start tasks successfully/,
  /deployment (ecs-svc\/\S+ )?failed: tasks failed to start/i,
  /rolling back to deployment|rolled back to deployment|circuit breaker/i,
  /is (not )?AZ balanced|AZ Rebalanc/i,
  /port \d+ is unhealthy in target-group|health checks failed/i,
];

# shellcheck shell=bash
# Terraform Enterprise node: TFE's own metrics into CloudWatch (docs/tfe-metrics.md). TFE serves them on
# 127.0.0.1:$METRICS_PORT only (run_tfe publishes the port on loopback, no security group rule opens it); the CloudWatch
# agent scrapes them in Prometheus format and writes them as embedded metric format events to $METRICS_LOG_GROUP, from
# which CloudWatch extracts the metrics of namespace TerraformEnterprise, dimension AutoScalingGroupName.
# Sourced by tfe-boot.sh; the variables come from /etc/tfe/node.conf. With METRICS_PORT empty (TfeMetrics = false)
# every function does nothing.
# shellcheck disable=SC2154 # every upper-case variable is declared in /etc/tfe/node.conf (rendered by the library)

readonly METRICS_DIR=/etc/tfe/metrics
readonly METRICS_AGENT_CTL=/opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl

# Before TFE starts: installs the agent and writes its two files from the templates delivered with these scripts, the
# group's name (the metrics' dimension) read from instance metadata tags.
prepare_metrics() {
  [ -n "$METRICS_PORT" ] || return 0
  local group
  dnf install --assumeyes --quiet amazon-cloudwatch-agent \
    || fail "metrics: cannot install amazon-cloudwatch-agent (set TfeMetrics = false to boot without TFE's metrics)"
  group=$(metadata tags/instance/aws:autoscaling:groupName) \
    || fail "metrics: cannot read the node's Auto Scaling group from instance metadata tags"
  install -d -m 0700 "$METRICS_DIR"
  sed -e "s|@METRICS_PORT@|$METRICS_PORT|g" -e "s|@AUTO_SCALING_GROUP@|$group|g" \
    "$TFE_LIB/tfe-metrics-prometheus.yaml" > "$METRICS_DIR/prometheus.yaml"
  jq --arg group "$METRICS_LOG_GROUP" --arg config "$METRICS_DIR/prometheus.yaml" \
    '.logs.metrics_collected.prometheus.log_group_name = $group
     | .logs.metrics_collected.prometheus.prometheus_config_path = $config' \
    "$TFE_LIB/tfe-metrics-agent.json" > "$METRICS_DIR/agent.json" \
    || fail "metrics: cannot render the CloudWatch agent configuration"
}

# After TFE reports healthy (its endpoint answers from the first scrape): loads the configuration and starts the agent,
# which systemd keeps running across reboots. A node whose agent cannot start fails its boot: it would be invisible to
# the run and queue alarms.
start_metrics_agent() {
  [ -n "$METRICS_PORT" ] || return 0
  "$METRICS_AGENT_CTL" -a fetch-config -m ec2 -s -c "file:$METRICS_DIR/agent.json" \
    || fail "metrics: the CloudWatch agent did not start with $METRICS_DIR/agent.json"
  log "metrics: CloudWatch agent scraping 127.0.0.1:$METRICS_PORT into $METRICS_LOG_GROUP"
}

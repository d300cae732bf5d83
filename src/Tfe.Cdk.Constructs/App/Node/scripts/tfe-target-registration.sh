# shellcheck shell=bash
# Terraform Enterprise node behind an internal NLB: the node registers its own IP (TLS-5) and deregisters it when the
# instance shuts down (tfe-target-registration.service). Sourced by tfe-boot.sh; the variables come from /etc/tfe/node.conf.
# shellcheck disable=SC2154 # every upper-case variable is declared in /etc/tfe/node.conf (rendered by the library)

register_target() {
  sed -e "s|@REGION@|$REGION|g" -e "s|@TARGET_GROUP_ARN@|$TARGET_GROUP_ARN|g" -e "s|@PRIVATE_IP@|$private_ip|g" \
    -e '/^# Installed by/d' "$TFE_LIB/tfe-target-registration.service" > /etc/systemd/system/tfe-target-registration.service
  systemctl daemon-reload
  systemctl enable --now tfe-target-registration.service
}

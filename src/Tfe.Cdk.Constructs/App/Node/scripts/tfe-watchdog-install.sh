# shellcheck shell=bash
# Terraform Enterprise node: installs and starts the node watchdog (tfe-watchdog.sh, OPS-3) once TFE is healthy.
# Sourced by tfe-boot.sh.

install_watchdog() {
  cat "$TFE_LIB/tfe-watchdog.sh" > /usr/local/bin/tfe-watchdog
  chmod 0755 /usr/local/bin/tfe-watchdog
  install_unit tfe-watchdog.service
  systemctl daemon-reload
  systemctl enable --now tfe-watchdog.service
}

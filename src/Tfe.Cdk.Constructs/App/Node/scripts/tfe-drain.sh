# shellcheck shell=bash
# Terraform Enterprise node, Active/Active: installs and starts the drain watcher (tfe-drain-watch.sh, OPS-3).
# Sourced by tfe-boot.sh; the variables come from /etc/tfe/node.conf.
# shellcheck disable=SC2154 # every upper-case variable is declared in /etc/tfe/node.conf (rendered by the library)

install_drain_watch() {
  cat "$TFE_LIB/tfe-drain-watch.sh" > /usr/local/bin/tfe-drain-watch
  chmod 0755 /usr/local/bin/tfe-drain-watch
  install_unit tfe-drain-watch.service
  systemctl daemon-reload
  systemctl enable --now tfe-drain-watch.service
}

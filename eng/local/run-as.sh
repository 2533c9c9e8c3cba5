# Sourced by the server scripts. Database servers refuse to run as root, so as root
# they run as their own system user; any other user runs them as itself.
run_as() {
  local user=$1; shift
  if [ "$(id -u)" -eq 0 ]; then
    setpriv --reuid="$user" --regid="$user" --init-groups -- "$@"
  else
    "$@"
  fi
}

own_dir() {
  local user=$1 dir=$2
  mkdir -p "$dir"
  if [ "$(id -u)" -eq 0 ]; then chown -R "$user:$user" "$dir"; fi
}

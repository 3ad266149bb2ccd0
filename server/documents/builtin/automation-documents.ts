/**
 * Automation runbooks Opsdeck ships. Each step is one Opsdeck honours (server/automation/catalog.ts);
 * scripts go to nodes through AWS-RunShellScript, so they are POSIX sh (Debian's is dash).
 *
 * Every parameter that reaches a shell line is held to an allowedPattern without quotes, `$`,
 * backticks, `;`, `|`, `&`, spaces or slashes (except where a path is the point), and lands in
 * single quotes: a value can be data, never shell text. Values starting with `-` are refused so
 * they can never be read as an option by systemctl, service or apt.
 */

/** A managed node id, as agent/protocol.ts NODE_ID_PATTERN. */
const NODE_ID_PATTERN = '^mi-[0-9a-f]{17}$';

/**
 * A systemd unit or sysvinit script name. Blocks shell injection (no quotes, spaces, `$`, `;`,
 * `|`, `&`, backticks), option injection (no leading `-`) and path traversal into /etc/init.d
 * (no `/`, no leading `.`).
 */
const SERVICE_NAME_PATTERN = '^[A-Za-z0-9@_][A-Za-z0-9@._-]{0,127}$';

/** Opsdeck user or group names, or IAM-style ARNs whose last segment is one. */
const APPROVER_PATTERN = '^[A-Za-z0-9+=,.@_:/-]{1,256}$';

/**
 * Debian and RPM package names, with an optional `:arch`. Blocks shell injection (the list
 * reaches the script as JSON text in single quotes, see below) and option injection (no leading
 * `-`).
 */
const PACKAGE_NAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9+._:~-]{0,127}$';

/** Parameter Store names (server/parameters/names.ts): `/a/b/c` or `name`. */
const PARAMETER_NAME_PATTERN = '^(/[A-Za-z0-9_.-]+)+$|^[A-Za-z0-9_.-]+$';

/** What journalctl --since takes: `1 hour ago`, `2026-12-01 10:00:00`, `yesterday`, `-2h`. */
const SINCE_PATTERN = '^[A-Za-z0-9 :.+-]{1,64}$';

/** Where the patch runbook keeps its pre-patch package lists on the node. */
const ROLLBACK_DIR = '/var/lib/opsdeck/patch-rollback';

export const OPSDECK_RESTART_SERVICE = `schemaVersion: '0.3'
description: |-
  Restarts a service on one managed node, after an approval when approvers are named.

  Works with systemd (when /run/systemd/system exists: systemctl cat, restart, is-active) and with
  sysvinit scripts in /etc/init.d (service NAME status / restart). The runbook first checks that
  the service exists and fails with a clear message when it does not; after the restart it checks
  that the service is running again.
parameters:
  InstanceId:
    type: String
    description: (Required) The managed node (mi-...) whose service is restarted.
    allowedPattern: '${NODE_ID_PATTERN}'
  ServiceName:
    type: String
    description: (Required) The systemd unit or /etc/init.d script name, like nginx, ssh or getty@tty1. Letters, digits and @ . _ - only, not starting with - or . (it reaches a shell on the node).
    # Blocks shell injection (no quotes, spaces, $ ; | & or backticks), option injection (no
    # leading -) and paths outside /etc/init.d (no /, no leading .).
    allowedPattern: '${SERVICE_NAME_PATTERN}'
  Approvers:
    type: StringList
    description: (Optional) Opsdeck users or groups who must approve the restart; one approval is enough. Leave empty to restart without approval.
    default: []
    maxItems: 10
    allowedPattern: '${APPROVER_PATTERN}'
mainSteps:
  - name: checkService
    action: aws:runCommand
    description: Finds the service's systemd unit or init script; fails when the node has neither.
    timeoutSeconds: 300
    inputs:
      DocumentName: AWS-RunShellScript
      InstanceIds:
        - '{{ InstanceId }}'
      Comment: 'Opsdeck-RestartService: check {{ ServiceName }}'
      Parameters:
        executionTimeout: '120'
        commands:
          - |
            SERVICE='{{ ServiceName }}'
            if [ -d /run/systemd/system ]; then
              if systemctl cat -- "$SERVICE" >/dev/null 2>&1; then
                echo "init=systemd service=$SERVICE"
                systemctl show -p Id -p ActiveState -p SubState -p MainPID -- "$SERVICE"
                exit 0
              fi
              echo "service '$SERVICE' does not exist on this node: systemd has no unit of that name (systemctl cat $SERVICE)" >&2
              exit 1
            fi
            if [ -x "/etc/init.d/$SERVICE" ]; then
              echo "init=sysvinit service=$SERVICE script=/etc/init.d/$SERVICE"
              # A stopped service answers status with a non-zero code; the restart starts it.
              if command -v service >/dev/null 2>&1; then service "$SERVICE" status 2>&1 || true; else "/etc/init.d/$SERVICE" status 2>&1 || true; fi
              exit 0
            fi
            echo "service '$SERVICE' does not exist on this node: systemd is not running and there is no executable /etc/init.d/$SERVICE" >&2
            exit 1
  - name: needsApproval
    action: aws:branch
    description: Skips the approval when no approvers are named.
    inputs:
      Choices:
        # A list embedded in text is substituted as its JSON, so an empty Approvers reads "[]".
        - NextStep: restart
          Variable: 'approvers={{ Approvers }}'
          StringEquals: 'approvers=[]'
      Default: approve
  - name: approve
    action: aws:approve
    description: Waits for one of the approvers to approve (a rejection ends the runbook).
    inputs:
      Approvers: '{{ Approvers }}'
      MinRequiredApprovals: 1
      Message: 'Approve restarting service {{ ServiceName }} on node {{ InstanceId }} (automation execution {{ automation:EXECUTION_ID }}).'
  - name: restart
    action: aws:runCommand
    description: Restarts the service with systemctl or its init script.
    timeoutSeconds: 600
    inputs:
      DocumentName: AWS-RunShellScript
      InstanceIds:
        - '{{ InstanceId }}'
      Comment: 'Opsdeck-RestartService: restart {{ ServiceName }}'
      Parameters:
        executionTimeout: '300'
        commands:
          - |
            set -e
            SERVICE='{{ ServiceName }}'
            if [ -d /run/systemd/system ]; then
              systemctl restart -- "$SERVICE"
              echo "restarted $SERVICE with systemctl"
            elif command -v service >/dev/null 2>&1; then
              service "$SERVICE" restart
              echo "restarted $SERVICE with service"
            else
              "/etc/init.d/$SERVICE" restart
              echo "restarted $SERVICE with /etc/init.d/$SERVICE"
            fi
  - name: verify
    action: aws:runCommand
    description: Checks that the service is running again (waits up to 10 seconds per attempt).
    maxAttempts: 3
    timeoutSeconds: 300
    inputs:
      DocumentName: AWS-RunShellScript
      InstanceIds:
        - '{{ InstanceId }}'
      Comment: 'Opsdeck-RestartService: verify {{ ServiceName }}'
      Parameters:
        executionTimeout: '120'
        commands:
          - |
            SERVICE='{{ ServiceName }}'
            for attempt in 1 2 3 4 5; do
              if [ -d /run/systemd/system ]; then
                if systemctl is-active --quiet -- "$SERVICE"; then
                  systemctl show -p Id -p ActiveState -p SubState -p MainPID -- "$SERVICE"
                  exit 0
                fi
              elif command -v service >/dev/null 2>&1; then
                if service "$SERVICE" status; then exit 0; fi
              elif "/etc/init.d/$SERVICE" status; then
                exit 0
              fi
              sleep 2
            done
            echo "service '$SERVICE' is not running after the restart" >&2
            exit 1
outputs:
  - checkService.Output
  - approve.ApprovalStatus
  - restart.Output
  - verify.Output
`;

export const OPSDECK_PATCH_INSTANCE_WITH_ROLLBACK = `schemaVersion: '0.3'
description: |-
  Patches one managed node and rolls the patch back when a health check fails afterwards.

  Debian and Ubuntu (apt) and RHEL-likes (dnf, else yum). Before patching, the installed package
  versions are recorded on the node in ${ROLLBACK_DIR}/<execution id>.list. Then the named
  packages are upgraded (or every upgradable package when none are named) and the health check
  runs. When the patch or the health check fails, every package whose version changed is put back
  to its recorded version (apt-get install --allow-downgrades PKG=VERSION, or dnf/yum downgrade),
  and the runbook ends Failed. Packages the patch newly installed are left in place, and a
  downgrade needs the old version to still be available from a repository or the package cache.
parameters:
  InstanceId:
    type: String
    description: (Required) The managed node (mi-...) to patch.
    allowedPattern: '${NODE_ID_PATTERN}'
  PackageNames:
    type: StringList
    description: (Optional) The packages to upgrade, like openssl or nginx. Leave empty to upgrade every upgradable package.
    default: []
    # Blocks shell injection (the list reaches the script as JSON text inside single quotes, so
    # quotes, spaces and $ are refused) and option injection (no leading -).
    allowedPattern: '${PACKAGE_NAME_PATTERN}'
  HealthCheckCommand:
    type: String
    description: (Optional) A shell command run as root on the node after patching; a non-zero exit rolls the patch back. The default checks that the package database is consistent (dpkg --audit and apt-get check, or dnf/yum check); put your own service's check here, like curl -fsS http://localhost/health.
    default: 'if command -v dpkg >/dev/null 2>&1; then test -z "$(dpkg --audit)" && apt-get check -q; elif command -v dnf >/dev/null 2>&1; then dnf -q check; else yum -q check; fi'
    minChars: 1
mainSteps:
  - name: snapshot
    action: aws:runCommand
    description: Records the installed package versions on the node, for the rollback.
    timeoutSeconds: 600
    inputs:
      DocumentName: AWS-RunShellScript
      InstanceIds:
        - '{{ InstanceId }}'
      Comment: 'Opsdeck-PatchInstanceWithRollback: snapshot'
      Parameters:
        executionTimeout: '300'
        commands:
          - |
            set -eu
            DIR=${ROLLBACK_DIR}
            LIST="$DIR/{{ automation:EXECUTION_ID }}.list"
            mkdir -p "$DIR"
            chmod 700 "$DIR"
            if command -v dpkg-query >/dev/null 2>&1; then
              dpkg-query -W -f='\${db:Status-Abbrev} \${binary:Package}=\${Version}\\n' | awk '$1 ~ /^[ih]i/ { print $2 }' | LC_ALL=C sort > "$LIST"
              echo "package manager: apt"
            elif command -v rpm >/dev/null 2>&1; then
              rpm -qa --qf '%{NAME}-%{EPOCHNUM}:%{VERSION}-%{RELEASE}.%{ARCH}\\n' | LC_ALL=C sort > "$LIST"
              echo "package manager: rpm"
            else
              echo "this node has neither dpkg nor rpm: Opsdeck-PatchInstanceWithRollback patches Debian, Ubuntu and RHEL-like systems" >&2
              exit 1
            fi
            echo "recorded $(wc -l < "$LIST") installed packages in $LIST"
  - name: patch
    action: aws:runCommand
    description: Upgrades the named packages, or every upgradable package; rolls back on failure.
    onFailure: step:rollback
    timeoutSeconds: 7200
    inputs:
      DocumentName: AWS-RunShellScript
      InstanceIds:
        - '{{ InstanceId }}'
      Comment: 'Opsdeck-PatchInstanceWithRollback: patch'
      Parameters:
        executionTimeout: '3600'
        commands:
          - |
            set -eu
            # A StringList embedded in text arrives as its JSON (["a","b"]); the allowedPattern
            # keeps brackets, quotes and commas out of names, so stripping them leaves the names.
            PACKAGES=$(printf '%s' '{{ PackageNames }}' | tr -d '[]"' | tr ',' ' ')
            if command -v apt-get >/dev/null 2>&1; then
              export DEBIAN_FRONTEND=noninteractive
              APT="apt-get -y -q -o DPkg::Lock::Timeout=300 -o Dpkg::Use-Pty=0 -o Dpkg::Options::=--force-confold"
              # Offline nodes and unreachable mirrors still patch from the lists they have.
              apt-get -q update || echo "warning: apt-get update failed; using the package lists already on the node" >&2
              if [ -n "$PACKAGES" ]; then
                echo "upgrading: $PACKAGES"
                $APT install --only-upgrade $PACKAGES
              else
                echo "upgrading every upgradable package"
                $APT upgrade
              fi
            elif command -v dnf >/dev/null 2>&1; then
              dnf -y upgrade $PACKAGES
            elif command -v yum >/dev/null 2>&1; then
              yum -y update $PACKAGES
            else
              echo "this node has no apt-get, dnf or yum" >&2
              exit 1
            fi
  - name: healthCheck
    action: aws:runCommand
    description: Runs HealthCheckCommand; on failure the patch is rolled back and the runbook fails.
    onFailure: step:rollback
    isEnd: true
    timeoutSeconds: 900
    inputs:
      DocumentName: AWS-RunShellScript
      InstanceIds:
        - '{{ InstanceId }}'
      Comment: 'Opsdeck-PatchInstanceWithRollback: health check'
      Parameters:
        executionTimeout: '600'
        commands:
          - '{{ HealthCheckCommand }}'
  - name: rollback
    action: aws:runCommand
    description: Puts every package whose version changed back to its recorded version.
    isEnd: true
    timeoutSeconds: 7200
    inputs:
      DocumentName: AWS-RunShellScript
      InstanceIds:
        - '{{ InstanceId }}'
      Comment: 'Opsdeck-PatchInstanceWithRollback: rollback'
      Parameters:
        executionTimeout: '3600'
        commands:
          - |
            set -eu
            LIST="${ROLLBACK_DIR}/{{ automation:EXECUTION_ID }}.list"
            AFTER="$LIST.after"
            if [ ! -s "$LIST" ]; then
              echo "there is no package snapshot at $LIST: nothing can be rolled back" >&2
              exit 1
            fi
            if command -v dpkg-query >/dev/null 2>&1; then
              dpkg-query -W -f='\${db:Status-Abbrev} \${binary:Package}=\${Version}\\n' | awk '$1 ~ /^[ih]i/ { print $2 }' | LC_ALL=C sort > "$AFTER"
            else
              rpm -qa --qf '%{NAME}-%{EPOCHNUM}:%{VERSION}-%{RELEASE}.%{ARCH}\\n' | LC_ALL=C sort > "$AFTER"
            fi
            # Recorded versions no longer installed: the packages the patch changed (or removed).
            CHANGED=$(LC_ALL=C comm -23 "$LIST" "$AFTER" | tr '\\n' ' ')
            if [ -z "$CHANGED" ]; then
              echo "no package changed since the snapshot: nothing to roll back"
              exit 0
            fi
            echo "restoring: $CHANGED"
            if command -v apt-get >/dev/null 2>&1; then
              export DEBIAN_FRONTEND=noninteractive
              apt-get -y -q -o DPkg::Lock::Timeout=300 -o Dpkg::Use-Pty=0 -o Dpkg::Options::=--force-confold install --allow-downgrades $CHANGED
            elif command -v dnf >/dev/null 2>&1; then
              dnf -y downgrade $CHANGED || dnf -y install $CHANGED
            else
              yum -y downgrade $CHANGED
            fi
            echo "rolled back to the versions recorded in $LIST"
outputs:
  - snapshot.Output
  - patch.Output
  - healthCheck.Output
  - rollback.Output
`;

export const AWS_COLLECT_DIAGNOSTICS = `schemaVersion: '0.3'
description: |-
  Gathers diagnostics from one managed node into the execution's outputs: the system (uname,
  uptime, disks, memory, the busiest processes), recent logs (the journal since a time, else the
  tail of /var/log/syslog or /var/log/messages, and the kernel ring buffer) and the network
  (addresses, routes, listening sockets). Read-only: nothing on the node is changed.
parameters:
  InstanceId:
    type: String
    description: (Required) The managed node (mi-...) to collect from.
    allowedPattern: '${NODE_ID_PATTERN}'
  Since:
    type: String
    description: (Optional) How far back to read the journal, as journalctl --since takes it, like 1 hour ago, yesterday or 2026-12-01 10:00:00. Nodes without a journal show the last 200 lines of their syslog instead.
    default: 1 hour ago
    # Blocks shell injection: letters, digits, spaces and : . + - only.
    allowedPattern: '${SINCE_PATTERN}'
mainSteps:
  - name: system
    action: aws:runCommand
    description: Kernel, uptime and load, disks, memory and the busiest processes.
    timeoutSeconds: 300
    inputs:
      DocumentName: AWS-RunShellScript
      InstanceIds:
        - '{{ InstanceId }}'
      Comment: 'AWS-CollectDiagnostics: system'
      Parameters:
        executionTimeout: '120'
        commands:
          - |
            echo "### uname -a"; uname -a
            echo "### /etc/os-release"; cat /etc/os-release 2>/dev/null || echo "(none)"
            echo "### uptime"; uptime
            echo "### df -h"; df -h 2>&1 || true
            echo "### free -m"; free -m 2>&1 || true
            echo "### processes by CPU"; ps aux --sort=-%cpu 2>&1 | head -n 16
  - name: logs
    action: aws:runCommand
    description: The journal since Since (warnings and worse), else the syslog's tail, and the kernel ring buffer.
    onFailure: Continue
    isCritical: false
    timeoutSeconds: 300
    inputs:
      DocumentName: AWS-RunShellScript
      InstanceIds:
        - '{{ InstanceId }}'
      Comment: 'AWS-CollectDiagnostics: logs'
      Parameters:
        executionTimeout: '120'
        commands:
          - |
            SINCE='{{ Since }}'
            if command -v journalctl >/dev/null 2>&1 && [ -n "$(journalctl --quiet -n 1 --no-pager 2>/dev/null)" ]; then
              echo "### journalctl --since '$SINCE' --priority warning (last 200 entries)"
              journalctl --no-pager --since "$SINCE" --priority warning -n 200 2>&1 || true
            else
              shown=no
              for file in /var/log/syslog /var/log/messages; do
                if [ -r "$file" ]; then
                  echo "### no journal on this node: tail -n 200 $file"
                  tail -n 200 "$file"
                  shown=yes
                  break
                fi
              done
              [ "$shown" = yes ] || echo "### no journal, /var/log/syslog or /var/log/messages on this node"
            fi
            echo "### dmesg (last 50 lines)"
            dmesg 2>&1 | tail -n 50
  - name: network
    action: aws:runCommand
    description: Addresses, routes and listening sockets.
    onFailure: Continue
    isCritical: false
    timeoutSeconds: 300
    inputs:
      DocumentName: AWS-RunShellScript
      InstanceIds:
        - '{{ InstanceId }}'
      Comment: 'AWS-CollectDiagnostics: network'
      Parameters:
        executionTimeout: '120'
        commands:
          - |
            echo "### ip addr"; ip addr 2>&1 || ifconfig -a 2>&1 || true
            echo "### ip route"; ip route 2>&1 || route -n 2>&1 || true
            echo "### listening sockets (ss -tulpn)"; ss -tulpn 2>&1 || netstat -tulpn 2>&1 || true
outputs:
  - system.Output
  - logs.Output
  - network.Output
`;

export const OPSDECK_ROTATE_PARAMETER = `schemaVersion: '0.3'
description: |-
  Rotates a SecureString parameter to a new random value and checks that a node receives it.

  The server generates the value and stores it as a new version of the parameter (Opsdeck's
  PutRandomSecureString), so the plaintext never appears in the execution's inputs or outputs.
  A node then reads the new version through {{ssm-secure:NAME:VERSION}}, which Run Command
  decrypts only when the command reaches the node, and reports the value's length and the first
  12 hex digits of its SHA-256, never the value. The runbook fails when the length is not Length.
  The parameter keeps the KMS key it already uses (the default key for a new parameter).
parameters:
  ParameterName:
    type: String
    description: (Required) The SecureString parameter to rotate, like /app/db/password. It is created when it does not exist.
    allowedPattern: '${PARAMETER_NAME_PATTERN}'
    maxChars: 1011
  Length:
    type: String
    description: (Optional) The number of characters of the new value, from 16 to 4096. The value uses letters, digits, - and _.
    default: '32'
    allowedPattern: '^[1-9][0-9]{1,3}$'
  VerifyInstanceId:
    type: String
    description: (Required) A managed node (mi-...) that reads the new value to prove it can be used.
    allowedPattern: '${NODE_ID_PATTERN}'
mainSteps:
  - name: rotate
    action: aws:executeAwsApi
    description: Stores a new random value as the parameter's next version, server-side.
    inputs:
      Service: opsdeck
      Api: PutRandomSecureString
      Name: '{{ ParameterName }}'
      Length: '{{ Length }}'
    outputs:
      - Name: Version
        Selector: $.Version
        Type: Integer
  - name: verify
    action: aws:runCommand
    description: A node reads the new version and reports its length and a SHA-256 prefix.
    timeoutSeconds: 300
    inputs:
      DocumentName: AWS-RunShellScript
      InstanceIds:
        - '{{ VerifyInstanceId }}'
      Comment: 'Opsdeck-RotateParameter: verify {{ ParameterName }}'
      Parameters:
        executionTimeout: '120'
        commands:
          # The inner references are substituted first; what is left, {{ssm-secure:NAME:VERSION}},
          # is resolved by Run Command, which decrypts it only on the way to the node.
          - |
            VALUE=$(cat <<'OPSDECK_SECRET_END'
            {{ssm-secure:{{ ParameterName }}:{{ rotate.Version }}}}
            OPSDECK_SECRET_END
            )
            LENGTH=$(printf '%s' "$VALUE" | wc -c | tr -d ' ')
            SHA256_PREFIX=$(printf '%s' "$VALUE" | sha256sum | cut -c1-12)
            unset VALUE
            echo "version={{ rotate.Version }} length=$LENGTH sha256_prefix=$SHA256_PREFIX"
            if [ "$LENGTH" -ne '{{ Length }}' ]; then
              echo "the new value has $LENGTH characters; expected {{ Length }}" >&2
              exit 1
            fi
outputs:
  - rotate.Version
  - verify.Output
`;

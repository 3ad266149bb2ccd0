/** AWS's Session documents, with only the platform keys Opsdeck nodes (Linux) read. */

const PORT_PATTERN = '^([1-9]|[1-9][0-9]{1,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])$';
/** The local port may be 0: the client picks a free one. */
const LOCAL_PORT_PATTERN = '^([0-9]|[1-9][0-9]{1,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])$';

export const AWS_START_INTERACTIVE_COMMAND = `{
  "schemaVersion": "1.0",
  "description": "Document to run single interactive command on an instance",
  "sessionType": "InteractiveCommands",
  "parameters": {
    "command": {
      "type": "String",
      "description": "The command to run on the instance"
    }
  },
  "properties": {
    "linux": {
      "commands": "{{command}}",
      "runAsElevated": false
    }
  }
}
`;

export const AWS_START_NON_INTERACTIVE_COMMAND = `{
  "schemaVersion": "1.0",
  "description": "Document to run single non-interactive command on an instance",
  "sessionType": "NonInteractiveCommands",
  "parameters": {
    "command": {
      "type": "String",
      "description": "The command to run on the instance"
    }
  },
  "properties": {
    "linux": {
      "commands": "{{command}}",
      "runAsElevated": false
    }
  }
}
`;

export const AWS_START_PORT_FORWARDING_SESSION = `{
  "schemaVersion": "1.0",
  "description": "Document to start port forwarding session over Session Manager",
  "sessionType": "Port",
  "parameters": {
    "portNumber": {
      "type": "String",
      "description": "(Optional) Port number of the server on the instance",
      "allowedPattern": "${PORT_PATTERN}",
      "default": "80"
    },
    "localPortNumber": {
      "type": "String",
      "description": "(Optional) Port number on local machine to forward traffic to. An open port is chosen at run-time if not provided",
      "allowedPattern": "${LOCAL_PORT_PATTERN}",
      "default": "0"
    }
  },
  "properties": {
    "portNumber": "{{ portNumber }}",
    "type": "LocalPortForwarding",
    "localPortNumber": "{{ localPortNumber }}"
  }
}
`;

/**
 * The host reaches the node's network connect call: Opsdeck adds an allow-list (a DNS name or an
 * IP address) so it can never carry options, paths or shell text.
 */
export const AWS_START_PORT_FORWARDING_SESSION_TO_REMOTE_HOST = `{
  "schemaVersion": "1.0",
  "description": "Document to start port forwarding session over Session Manager to a remote host",
  "sessionType": "Port",
  "parameters": {
    "host": {
      "type": "String",
      "description": "(Required) The IP address or the DNS name of the remote host",
      "allowedPattern": "^[a-zA-Z0-9][a-zA-Z0-9.:_-]{0,252}$"
    },
    "portNumber": {
      "type": "String",
      "description": "(Optional) Port number of the server on the remote host",
      "allowedPattern": "${PORT_PATTERN}",
      "default": "80"
    },
    "localPortNumber": {
      "type": "String",
      "description": "(Optional) Port number on local machine to forward traffic to. An open port is chosen at run-time if not provided",
      "allowedPattern": "${LOCAL_PORT_PATTERN}",
      "default": "0"
    }
  },
  "properties": {
    "portNumber": "{{ portNumber }}",
    "type": "LocalPortForwarding",
    "localPortNumber": "{{ localPortNumber }}",
    "host": "{{ host }}"
  }
}
`;

export const AWS_START_SSH_SESSION = `{
  "schemaVersion": "1.0",
  "description": "Document to start SSH session over Session Manager",
  "sessionType": "Port",
  "parameters": {
    "portNumber": {
      "type": "String",
      "description": "(Optional) Port number of SSH server on the instance",
      "allowedPattern": "${PORT_PATTERN}",
      "default": "22"
    }
  },
  "properties": {
    "portNumber": "{{ portNumber }}"
  }
}
`;

/**
 * Session Manager's preferences document (AWS creates it in each account); Opsdeck keeps the
 * settings its agents honour: no S3 or CloudWatch Logs streaming.
 */
export const SSM_SESSION_MANAGER_RUN_SHELL = `{
  "schemaVersion": "1.0",
  "description": "Document to hold regional settings for Session Manager",
  "sessionType": "Standard_Stream",
  "inputs": {
    "idleSessionTimeout": "20",
    "maxSessionDuration": "",
    "runAsEnabled": false,
    "runAsDefaultUser": "",
    "shellProfile": {
      "linux": ""
    }
  }
}
`;

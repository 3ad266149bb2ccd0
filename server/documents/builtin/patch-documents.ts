/** AWS-RunPatchBaseline as AWS publishes it for Linux, run by the agent's aws:runPatchBaseline plugin. */
export const AWS_RUN_PATCH_BASELINE = `{
  "schemaVersion": "2.2",
  "description": "Scans for or installs patches from a patch baseline to a Linux operating system.",
  "parameters": {
    "Operation": {
      "type": "String",
      "description": "(Required) The update or configuration to perform on the instance. The system checks if patches specified in the patch baseline are installed on the instance. The install operation installs patches missing from the baseline.",
      "allowedValues": ["Scan", "Install"]
    },
    "SnapshotId": {
      "type": "String",
      "description": "(Optional) The snapshot ID to use to retrieve a patch baseline snapshot.",
      "allowedPattern": "(^$)|^[a-zA-Z0-9-_]{1,128}$",
      "default": ""
    },
    "InstallOverrideList": {
      "type": "String",
      "description": "(Optional) An https URL or an Amazon S3 path-style URL to a list of patches to be installed. This patch installation list overrides the patches specified by the default patch baseline.",
      "allowedPattern": "(^$)|^https://.+$|^s3://([^/]+)/(.*?([^/]+))$",
      "default": ""
    },
    "BaselineOverride": {
      "type": "String",
      "description": "(Optional) Defines the baseline overrides, as the URL of a JSON file holding patch baselines.",
      "allowedPattern": "(^$)|^https://.+$|^s3://([^/]+)/(.*?([^/]+))$",
      "default": ""
    },
    "RebootOption": {
      "type": "String",
      "description": "(Optional) Reboot behavior after a patch Install operation. If you choose NoReboot and patches are installed, the instance is marked as non-compliant until a subsequent reboot and scan.",
      "allowedValues": ["RebootIfNeeded", "NoReboot"],
      "default": "RebootIfNeeded"
    }
  },
  "mainSteps": [
    {
      "precondition": { "StringEquals": ["platformType", "Linux"] },
      "action": "aws:runPatchBaseline",
      "name": "PatchLinux",
      "inputs": {
        "Operation": "{{ Operation }}",
        "SnapshotId": "{{ SnapshotId }}",
        "InstallOverrideList": "{{ InstallOverrideList }}",
        "BaselineOverride": "{{ BaselineOverride }}",
        "RebootOption": "{{ RebootOption }}",
        "timeoutSeconds": 7200
      }
    }
  ]
}`;

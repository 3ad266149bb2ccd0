/**
 * AWS-GatherSoftwareInventory: the Policy document State Manager applies to collect inventory,
 * with AWS's parameters. The Windows-only switches are accepted and ignored on Linux, as AWS does.
 */
export const AWS_GATHER_SOFTWARE_INVENTORY = `{
  "schemaVersion": "2.2",
  "description": "Software Inventory Policy Document.",
  "parameters": {
    "applications": { "type": "String", "default": "Enabled", "description": "(Optional) Collect data for installed applications.", "allowedValues": ["Enabled", "Disabled"] },
    "awsComponents": { "type": "String", "default": "Enabled", "description": "(Optional) Collect data for AWS Components like amazon-ssm-agent.", "allowedValues": ["Enabled", "Disabled"] },
    "files": { "type": "String", "default": "", "description": "(Optional, requires SSMAgent version 2.2.64.0 and above) Linux example: [{\\"Path\\":\\"/usr/bin\\", \\"Pattern\\":[\\"aws*\\", \\"*ssm*\\"],\\"Recursive\\":false},{\\"Path\\":\\"/var/log\\", \\"Pattern\\":[\\"amazon*.*\\"], \\"Recursive\\":true, \\"DirScanLimit\\":1000}]", "displayType": "textarea" },
    "networkConfig": { "type": "String", "default": "Enabled", "description": "(Optional) Collect data for Network configurations.", "allowedValues": ["Enabled", "Disabled"] },
    "billingInfo": { "type": "String", "default": "Enabled", "description": "(Optional) Collect billing info for license included applications.", "allowedValues": ["Enabled", "Disabled"] },
    "windowsUpdates": { "type": "String", "default": "Enabled", "description": "(Optional) Collect data for all Windows Updates.", "allowedValues": ["Enabled", "Disabled"] },
    "instanceDetailedInformation": { "type": "String", "default": "Enabled", "description": "(Optional) Collect additional information about the instance, including the CPU model, speed, and the number of cores, to name a few.", "allowedValues": ["Enabled", "Disabled"] },
    "services": { "type": "String", "default": "Enabled", "description": "(Optional, Windows OS only, requires SSMAgent version 2.2.64.0 and above) Collect data for service configurations.", "allowedValues": ["Enabled", "Disabled"] },
    "windowsRegistry": { "type": "String", "default": "", "description": "(Optional, Windows OS only) Collect data for Windows Registry.", "displayType": "textarea" },
    "windowsRoles": { "type": "String", "default": "Enabled", "description": "(Optional, Windows OS only) Collect data for Microsoft Windows role configurations.", "allowedValues": ["Enabled", "Disabled"] },
    "customInventory": { "type": "String", "default": "Enabled", "description": "(Optional) Collect data for custom inventory.", "allowedValues": ["Enabled", "Disabled"] }
  },
  "mainSteps": [
    {
      "action": "aws:softwareInventory",
      "name": "collectSoftwareInventoryItems",
      "inputs": {
        "applications": "{{ applications }}",
        "awsComponents": "{{ awsComponents }}",
        "networkConfig": "{{ networkConfig }}",
        "files": "{{ files }}",
        "services": "{{ services }}",
        "instanceDetailedInformation": "{{ instanceDetailedInformation }}",
        "customInventory": "{{ customInventory }}",
        "billingInfo": "{{ billingInfo }}",
        "windowsUpdates": "{{ windowsUpdates }}",
        "windowsRoles": "{{ windowsRoles }}",
        "windowsRegistry": "{{ windowsRegistry }}"
      }
    }
  ]
}`;

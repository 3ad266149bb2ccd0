/**
 * AWS's Command documents that Opsdeck agents can run, as AWS publishes them where Opsdeck honours
 * every part (schema 2.2 steps in place of AWS-RunShellScript's older runtimeConfig).
 */

export const AWS_RUN_SHELL_SCRIPT = `{
  "schemaVersion": "2.2",
  "description": "Run a shell script or specify the commands to run.",
  "parameters": {
    "commands": {
      "type": "StringList",
      "description": "(Required) Specify a shell script or a command to run.",
      "minItems": 1,
      "displayType": "textarea"
    },
    "workingDirectory": {
      "type": "String",
      "default": "",
      "description": "(Optional) The path to the working directory on your instance.",
      "maxChars": 4096
    },
    "executionTimeout": {
      "type": "String",
      "default": "3600",
      "description": "(Optional) The time in seconds for a command to complete before it is considered to have failed. Default is 3600 (1 hour). Maximum is 172800 (48 hours).",
      "allowedPattern": "([1-9][0-9]{0,4})|(1[0-6][0-9]{4})|(17[0-1][0-9]{3})|(172[0-7][0-9]{2})|(172800)"
    }
  },
  "mainSteps": [
    {
      "action": "aws:runShellScript",
      "name": "runShellScript",
      "inputs": {
        "runCommand": "{{ commands }}",
        "workingDirectory": "{{ workingDirectory }}",
        "timeoutSeconds": "{{ executionTimeout }}"
      }
    }
  ]
}
`;

/**
 * AWS's version also fetches from GitHub and S3 and runs the download as a LocalPath document;
 * Opsdeck runs documents it stores, so sourceType is SSMDocument and runDocument takes the
 * sourceInfo map ({"name": ...}) as the document to run.
 */
export const AWS_RUN_DOCUMENT = `{
  "schemaVersion": "2.2",
  "description": "Execute composite or nested Systems Manager documents (SSM documents). Opsdeck supports the SSMDocument source type: the documents stored in Opsdeck.",
  "parameters": {
    "sourceType": {
      "description": "(Required) Specify the source type.",
      "type": "String",
      "allowedValues": [
        "SSMDocument"
      ]
    },
    "sourceInfo": {
      "description": "(Required) Specify the information required to access the resource from the specified source type. If source type is SSMDocument, then you can specify 'name'.",
      "type": "StringMap",
      "displayType": "textarea"
    },
    "documentParameters": {
      "description": "(Optional) The parameters for the document.",
      "type": "StringMap",
      "displayType": "textarea",
      "default": {}
    }
  },
  "mainSteps": [
    {
      "action": "aws:downloadContent",
      "name": "downloadContent",
      "inputs": {
        "sourceType": "{{ sourceType }}",
        "sourceInfo": "{{ sourceInfo }}"
      }
    },
    {
      "action": "aws:runDocument",
      "name": "runDocument",
      "inputs": {
        "documentType": "SSMDocument",
        "documentPath": "{{ sourceInfo }}",
        "documentParameters": "{{ documentParameters }}"
      }
    }
  ]
}
`;

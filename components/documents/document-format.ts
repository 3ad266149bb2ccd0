import { parse as parseYaml, stringify as toYaml } from 'yaml';

export type EditableFormat = 'JSON' | 'YAML';

/**
 * The same document in the other format, or null when the text does not parse yet (the editor
 * then switches mode and keeps the text as it is, and the check says what is wrong).
 */
export function convertFormat(content: string, from: EditableFormat, to: EditableFormat): string | null {
  if (from === to || content.trim() === '') return content;
  try {
    const value: unknown = from === 'YAML' ? parseYaml(content) : JSON.parse(content);
    return to === 'YAML' ? toYaml(value) : `${JSON.stringify(value, null, 2)}\n`;
  } catch {
    return null;
  }
}

/** Where a new document starts: a working shell-script document to edit. */
export const STARTER_CONTENT: Record<EditableFormat, string> = {
  YAML: `schemaVersion: '2.2'
description: Describe what this document does
parameters:
  message:
    type: String
    description: Text to print on each node
    default: Hello from Opsdeck
mainSteps:
  - action: aws:runShellScript
    name: run
    inputs:
      runCommand:
        - echo "{{ message }}"
`,
  JSON: `{
  "schemaVersion": "2.2",
  "description": "Describe what this document does",
  "parameters": {
    "message": {
      "type": "String",
      "description": "Text to print on each node",
      "default": "Hello from Opsdeck"
    }
  },
  "mainSteps": [
    {
      "action": "aws:runShellScript",
      "name": "run",
      "inputs": {
        "runCommand": ["echo \\"{{ message }}\\""]
      }
    }
  ]
}
`,
};

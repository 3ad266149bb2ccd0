/**
 * The built-in inventory types and their attributes, as GetInventorySchema describes them. The
 * DataType decides how a filter compares values (number, or string); attributes that hold package
 * versions are compared as the package manager orders versions (server/inventory/versions.ts).
 */
export type AttributeDataType = 'string' | 'number';

export interface InventoryTypeSchema {
  typeName: string;
  version: string;
  displayName?: string;
  attributes: { name: string; dataType: AttributeDataType }[];
}

const strings = (...names: string[]) => names.map((name) => ({ name, dataType: 'string' as const }));
const numbers = (...names: string[]) => names.map((name) => ({ name, dataType: 'number' as const }));

export const BUILTIN_TYPE_SCHEMAS: InventoryTypeSchema[] = [
  {
    typeName: 'AWS:InstanceInformation',
    version: '1.0',
    displayName: 'Instance information',
    attributes: strings('AgentType', 'AgentVersion', 'ComputerName', 'InstanceId', 'IpAddress', 'PlatformName', 'PlatformType', 'PlatformVersion', 'ResourceType', 'InstanceStatus'),
  },
  {
    typeName: 'AWS:Application',
    version: '1.1',
    displayName: 'Applications',
    attributes: strings('Name', 'ApplicationType', 'Publisher', 'Version', 'Release', 'Epoch', 'InstalledTime', 'Architecture', 'URL', 'Summary', 'PackageId'),
  },
  {
    typeName: 'AWS:AWSComponent',
    version: '1.0',
    attributes: strings('Name', 'ApplicationType', 'Publisher', 'Version', 'InstalledTime', 'Architecture', 'URL'),
  },
  {
    typeName: 'AWS:Network',
    version: '1.0',
    displayName: 'Network',
    attributes: strings('Name', 'SubnetMask', 'Gateway', 'DHCPServer', 'DNSServer', 'MacAddress', 'IPV4', 'IPV6'),
  },
  {
    typeName: 'AWS:Service',
    version: '1.0',
    displayName: 'Services',
    attributes: strings('Name', 'DisplayName', 'ServiceType', 'Status', 'DependentServices', 'ServicesDependedOn', 'StartType'),
  },
  {
    typeName: 'AWS:File',
    version: '1.0',
    displayName: 'Files',
    attributes: [
      ...strings('Name', 'Description', 'FileVersion', 'InstalledDate', 'ModificationTime', 'LastAccessTime', 'ProductName', 'InstalledDir', 'ProductLanguage', 'CompanyName', 'ProductVersion', 'Hash'),
      ...numbers('Size'),
    ],
  },
  {
    typeName: 'AWS:InstanceDetailedInformation',
    version: '1.0',
    displayName: 'Instance details',
    attributes: [...strings('CPUModel', 'CPUHyperThreadEnabled', 'OSServicePack', 'KernelVersion', 'KernelRelease', 'Architecture'), ...numbers('CPUCores', 'CPUs', 'CPUSpeedMHz', 'CPUSockets')],
  },
];

const BY_NAME = new Map(BUILTIN_TYPE_SCHEMAS.map((schema) => [schema.typeName, schema]));

export function builtinTypeSchema(typeName: string): InventoryTypeSchema | undefined {
  return BY_NAME.get(typeName);
}

/** Attributes compared as package versions rather than as text. */
export function isVersionAttribute(typeName: string, attribute: string): boolean {
  return (typeName === 'AWS:Application' || typeName === 'AWS:AWSComponent') && attribute === 'Version';
}

export function attributeDataType(typeName: string, attribute: string): AttributeDataType {
  return builtinTypeSchema(typeName)?.attributes.find((candidate) => candidate.name === attribute)?.dataType ?? 'string';
}

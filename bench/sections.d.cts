export declare function markers(name: string): [string, string];
export declare function withSection(document: string, name: string, body: string): string;
export declare function sectionOf(document: string, name: string): string;
export declare function keepSections(report: string, previous: string): string;

export declare const MAX_EVIDENCE_BYTES: number;
export declare const MAX_REQUEST_BODY_BYTES: number;
export declare function formatFileSize(bytes: number): string;
export declare function oversizedRequestAnswer(pathname: string, sentBytes?: number): { status: 413; headers: Record<string, string>; body: string };

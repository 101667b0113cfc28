export declare const MAX_REQUEST_BODY_BYTES: number;

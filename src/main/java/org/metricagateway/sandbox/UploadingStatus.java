package org.metricagateway.sandbox;

/** The statuses the sandbox moves an upload through; the read endpoints may also report an unknown one. */
public enum UploadingStatus {
    UPLOADED, EXPORTED, MATCHED, PROCESSED, LINKAGE_FAILURE
}

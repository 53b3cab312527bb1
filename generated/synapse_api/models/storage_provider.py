from enum import StrEnum


class StorageProvider(StrEnum):
    AMAZON_S3 = "amazon_s3"
    AZURE = "azure"
    DIGITAL_OCEAN = "digital_ocean"
    FILE_SYSTEM = "file_system"
    FTP = "ftp"
    GCP = "gcp"
    MINIO = "minio"
    SFTP = "sftp"
    SMB = "smb"
    SYNOLOGY = "synology"

    def __str__(self) -> str:
        return str(self.value)

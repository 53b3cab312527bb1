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

    @classmethod
    def _missing_(cls, value: object) -> "StorageProvider | None":
        # synapse: the vocabulary grows over time; keep a value this client does not know yet
        # (as a pseudo-member whose .value is the string sent) instead of failing to parse.
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member

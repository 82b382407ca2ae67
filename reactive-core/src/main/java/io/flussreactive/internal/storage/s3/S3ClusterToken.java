package io.flussreactive.internal.storage.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flussreactive.error.SecurityTokenException;
import io.flussreactive.storage.FileSystemToken;
import java.io.IOException;
import java.util.Map;

/**
 * What a Fluss cluster's S3 token holds. The token bytes are UTF-8 JSON with the keys
 * {@code access_key_id}, {@code access_key_secret} and {@code security_token} (null for long-term keys),
 * beside a {@code version}; the additional information carries the servers' Hadoop S3A settings
 * {@code fs.s3a.endpoint}, {@code fs.s3a.region} and {@code fs.s3a.path.style.access} when they set them.
 *
 * @param accessKeyId the access key id
 * @param secretAccessKey the secret access key
 * @param sessionToken the session token of temporary credentials; null for long-term keys
 * @param endpoint the servers' S3 endpoint as they configured it (a host, or a URL); null when not set
 * @param region the servers' S3 region; null when not set
 * @param pathStyleAccess whether the servers address buckets in the path; null when not set
 */
record S3ClusterToken(String accessKeyId, String secretAccessKey, String sessionToken,
                      String endpoint, String region, Boolean pathStyleAccess) {

    static final String ENDPOINT_KEY = "fs.s3a.endpoint";
    static final String REGION_KEY = "fs.s3a.region";
    static final String PATH_STYLE_ACCESS_KEY = "fs.s3a.path.style.access";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * Reads a token of the cluster.
     *
     * @throws SecurityTokenException when the token is not an S3 token of the cluster's format; the
     *     message never holds the token's text, which carries the secret
     */
    static S3ClusterToken decode(FileSystemToken token) {
        JsonNode json;
        try {
            json = MAPPER.readTree(token.token());
        } catch (IOException e) {
            // Not chained: the parser's message quotes the text around the fault, which may be the secret.
            throw new SecurityTokenException("The cluster's " + token.scheme() + " token is not JSON");
        }
        if (json == null || !json.isObject()) {
            throw new SecurityTokenException("The cluster's " + token.scheme() + " token is not a JSON object");
        }
        Map<String, String> info = token.additionalInfo();
        String pathStyle = info.get(PATH_STYLE_ACCESS_KEY);
        return new S3ClusterToken(
                requiredText(json, "access_key_id", token),
                requiredText(json, "access_key_secret", token),
                optionalText(json, "security_token"),
                blankToNull(info.get(ENDPOINT_KEY)),
                blankToNull(info.get(REGION_KEY)),
                pathStyle == null || pathStyle.isBlank() ? null : Boolean.valueOf(pathStyle.trim()));
    }

    private static String requiredText(JsonNode json, String key, FileSystemToken token) {
        String value = optionalText(json, key);
        if (value == null || value.isEmpty()) {
            throw new SecurityTokenException("The cluster's " + token.scheme() + " token has no " + key);
        }
        return value;
    }

    private static String optionalText(JsonNode json, String key) {
        JsonNode value = json.get(key);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** Never shows the secret or the session token. */
    @Override
    public String toString() {
        return "S3ClusterToken{accessKeyId=" + accessKeyId + ", sessionToken=" + (sessionToken != null)
                + ", endpoint=" + endpoint + ", region=" + region + ", pathStyleAccess=" + pathStyleAccess + "}";
    }
}

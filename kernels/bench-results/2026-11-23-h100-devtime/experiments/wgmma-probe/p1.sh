W=.carry/w
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
timeout 120 python3 $W/wgprobe.py $W/wgprobe.cl "" "N128" "LBO_SWAP" "-cl-nv-arch sm_90a" "-cl-nv-arch sm_90a N128" "-cl-nv-arch sm_90a LBO_SWAP" 2>&1

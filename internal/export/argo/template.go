package argo

import (
	"maps"
	"path"
	"slices"
	"strings"
)

// newWorkflow is the manifest's frame: kind, metadata, and the spec's
// pod-wide settings, with the DAG template first.
func newWorkflow(opts Options) *Workflow {
	meta := Metadata{Namespace: opts.Namespace, Labels: opts.Labels}
	if opts.Kind == KindWorkflow {
		meta.GenerateName = opts.GenerateName
	} else {
		meta.Name = strings.TrimSuffix(opts.GenerateName, "-")
	}
	spec := &Spec{
		Entrypoint:         "main",
		Parallelism:        max(opts.Parallelism, 0),
		ServiceAccountName: opts.ServiceAccount,
		NodeSelector:       opts.NodeSelector,
		Tolerations:        opts.Tolerations,
		Templates:          []Template{{Name: "main", DAG: &DAG{}}},
	}
	for _, s := range opts.ImagePullSecrets {
		spec.ImagePullSecrets = append(spec.ImagePullSecrets, NameRef{Name: s})
	}
	if opts.Volume != "" {
		spec.Volumes = []Volume{{Name: dataVolume, PersistentVolumeClaim: ClaimRef{ClaimName: opts.Volume}}}
	}
	w := &Workflow{APIVersion: "argoproj.io/v1alpha1", Kind: string(opts.Kind), Metadata: meta, Spec: spec}
	if opts.Kind == KindCronWorkflow {
		// Forbid: a run still going when the next is due is left alone,
		// as two runs would write the same datasets.
		w.Cron = &Cron{Schedule: opts.Schedule, ConcurrencyPolicy: "Forbid"}
	}
	return w
}

// dataVolume is the name of the pod volume --volume mounts.
const dataVolume = "data"

// retryBackoff spaces the retries of a failed pod: 10s, 20s, 40s, ... at
// most 10 minutes in all, so a flaky dependency gets time to recover.
var retryBackoff = Backoff{Duration: "10s", Factor: 2, MaxDuration: "10m"}

func containerTemplate(name string, sh shape, opts Options) Template {
	command := slices.Clone(opts.Command)
	if len(command) == 0 {
		command = []string{"kedrogo"}
	}
	command = append(command, "run")
	command = append(command, opts.RunArgs...)
	command = append(command, SingleAttemptFlag, "--nodes", "{{inputs.parameters."+NodesParameter+"}}")
	c := &Container{
		Image:           opts.Image,
		ImagePullPolicy: opts.ImagePullPolicy,
		Command:         command,
		WorkingDir:      opts.WorkDir,
		Env:             opts.Env,
	}
	for _, s := range opts.EnvFromSecrets {
		c.EnvFrom = append(c.EnvFrom, EnvFrom{SecretRef: NameRef{Name: s}})
	}
	if opts.Volume != "" {
		c.VolumeMounts = []VolumeMount{{Name: dataVolume, MountPath: path.Join(opts.WorkDir, "data")}}
	}
	t := Template{
		Name:                  name,
		Inputs:                &Inputs{Parameters: []Parameter{{Name: NodesParameter}}},
		ActiveDeadlineSeconds: sh.deadline,
		Container:             c,
	}
	if sh.exclusive {
		m := Mutex{Name: opts.MutexName, Namespace: opts.LockNamespace}
		if opts.ArgoVersion == "3.5" {
			t.Synchronization = &Synchronization{Mutex: &m}
		} else {
			t.Synchronization = &Synchronization{Mutexes: []Mutex{m}}
		}
	}
	if sh.retries > 0 {
		backoff := retryBackoff
		t.RetryStrategy = &RetryStrategy{Limit: sh.retries, Backoff: &backoff}
	}
	if len(sh.requests) > 0 {
		res := &Resources{Requests: make(map[string]string, len(sh.requests))}
		for _, r := range slices.Sorted(maps.Keys(sh.requests)) {
			q := KubernetesQuantity(r, sh.requests[r])
			res.Requests[r] = q
			if extended(r) { // Kubernetes needs a limit, equal to the request
				if res.Limits == nil {
					res.Limits = map[string]string{}
				}
				res.Limits[r] = q
			}
		}
		c.Resources = res
	}
	return t
}

// extended reports whether a Kubernetes resource is an extended one
// (nvidia.com/gpu), which is requested through limits.
func extended(name string) bool {
	switch name {
	case "cpu", "memory", "ephemeral-storage":
		return false
	}
	return !strings.HasPrefix(name, "hugepages-")
}
